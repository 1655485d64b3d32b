namespace PushAuth.Push;

/// <summary>The push transport a device is reached through.</summary>
public enum PushProvider
{
    /// <summary>Development transport: an in-process inbox, no credentials.</summary>
    Dev,

    /// <summary>Firebase Cloud Messaging HTTP v1.</summary>
    Fcm,

    /// <summary>Apple Push Notification service, HTTP/2 provider API with token auth.</summary>
    Apns,
}
