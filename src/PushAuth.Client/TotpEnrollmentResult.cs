namespace PushAuth.Client;

/// <summary>A new TOTP credential: <see cref="KeyUri"/> (<c>otpauth://totp/…</c>) and <see cref="Secret"/> (Base32) are shown once.</summary>
public sealed record TotpEnrollmentResult(string MethodId, string KeyUri, string Secret, string Algorithm, int Digits, int Period);
