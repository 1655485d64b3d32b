namespace PushAuth.Client;

/// <summary>Outcome of a TOTP check; unknown users and wrong codes both read <c>Valid = false</c>.</summary>
/// <param name="Valid">True when the code was right and not used before.</param>
/// <param name="MethodId">The credential that matched.</param>
/// <param name="RetryAfter">Set while failures are throttled: how long until the next check is taken.</param>
public sealed record TotpCheck(bool Valid, string? MethodId, TimeSpan? RetryAfter);
