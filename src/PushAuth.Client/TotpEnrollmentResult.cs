namespace PushAuth.Client;

/// <summary>A new TOTP credential; <see cref="KeyUri"/> and <see cref="Secret"/> are shown once.</summary>
/// <param name="MethodId">The new verification method.</param>
/// <param name="KeyUri">The <c>otpauth://totp/…</c> URI, for a QR code.</param>
/// <param name="Secret">The shared secret, Base32, for typing by hand.</param>
/// <param name="Algorithm">The HMAC algorithm (<c>SHA1</c>, <c>SHA256</c> or <c>SHA512</c>).</param>
/// <param name="Digits">Digits per code.</param>
/// <param name="Period">Seconds per code.</param>
public sealed record TotpEnrollmentResult(string MethodId, string KeyUri, string Secret, string Algorithm, int Digits, int Period);
