namespace PushAuth.Messaging;

/// <summary><c>PushAuth:Contact:DevInbox</c>: how many messages the development inbox keeps.</summary>
public sealed class DevInboxOptions
{
    public int Capacity { get; set; } = 1_000;
}
