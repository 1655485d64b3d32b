namespace PushAuth.DeviceSimulator;

/// <summary>A code on its way to a contact.</summary>
public sealed record ContactVerification(string VerificationId, string Channel, string MaskedAddress, DateTimeOffset ExpiresAt, DateTimeOffset ResendAfter);
