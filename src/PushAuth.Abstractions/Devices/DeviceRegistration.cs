namespace PushAuth.Abstractions;

/// <summary>What the app sends to register: its P-256 public key and how to reach it.</summary>
/// <param name="PublicKey">base64url SubjectPublicKeyInfo (DER) of an ECDSA P-256 key.</param>
/// <param name="Platform">"android" or "ios".</param>
/// <param name="PushProvider">"fcm", "apns" or "dev".</param>
[GenerateSerializer, Immutable, Alias("pa.DeviceRegistration")]
public sealed record DeviceRegistration(string PublicKey, string Platform, string PushProvider, string? PushToken, string AppVersion, string DisplayName);
