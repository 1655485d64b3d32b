namespace PushAuth.Abstractions;

/// <summary>How to reach a device by push. <see cref="TokenValid"/> turns false when FCM/APNs report the token dead.</summary>
/// <param name="Provider">"fcm", "apns" or "dev".</param>
/// <param name="Platform">"android" or "ios".</param>
[GenerateSerializer, Immutable, Alias("pa.DevicePushInfo")]
public sealed record DevicePushInfo(string DeviceId, string Provider, string Platform, string? Token, bool TokenValid, bool Active);
