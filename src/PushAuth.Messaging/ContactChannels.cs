namespace PushAuth.Messaging;

/// <summary>The channels a contact can be verified through.</summary>
public static class ContactChannels
{
    public const string Email = "email";
    public const string Sms = "sms";
}
