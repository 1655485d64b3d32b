namespace PushAuth.Abstractions;

/// <summary>A new TOTP credential: the key URI for the QR code and the Base32 secret, shown this once.</summary>
[GenerateSerializer, Immutable, Alias("pa.TotpEnrollment")]
public sealed record TotpEnrollment(string MethodId, string KeyUri, string Secret, string Algorithm, int Digits, int Period);
