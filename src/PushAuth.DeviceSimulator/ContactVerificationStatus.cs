namespace PushAuth.DeviceSimulator;

/// <summary>A verification after a code or link was presented.</summary>
public sealed record ContactVerificationStatus(string VerificationId, string Channel, string MaskedAddress, string Status, DateTimeOffset ExpiresAt, DateTimeOffset? VerifiedUntil, int AttemptsLeft);
