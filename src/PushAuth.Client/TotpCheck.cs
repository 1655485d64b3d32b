namespace PushAuth.Client;

/// <summary>Outcome of a TOTP check; unknown users and wrong codes both read <c>Valid = false</c>.
/// <see cref="RetryAfter"/> is set while failures are throttled.</summary>
public sealed record TotpCheck(bool Valid, string? MethodId, TimeSpan? RetryAfter);
