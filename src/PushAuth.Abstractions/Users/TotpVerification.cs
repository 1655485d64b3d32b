namespace PushAuth.Abstractions;

/// <summary>Outcome of a TOTP check. Unknown users and wrong codes look the same: <c>Valid = false</c>.</summary>
/// <param name="RetryAfter">Set while failures are throttled.</param>
[GenerateSerializer, Immutable, Alias("pa.TotpVerification")]
public sealed record TotpVerification(bool Valid, string? MethodId, TimeSpan? RetryAfter = null);
