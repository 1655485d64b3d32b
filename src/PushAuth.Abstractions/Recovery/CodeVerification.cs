namespace PushAuth.Abstractions;

/// <summary>Outcome of checking a code that may be a TOTP code or a temporary code. Unknown users and wrong codes look
/// the same: <c>Valid = false</c>.</summary>
/// <param name="Method"><c>totp</c> or <c>temporary-code</c> when valid.</param>
/// <param name="RetryAfter">Set while failures are throttled.</param>
[GenerateSerializer, Immutable, Alias("pa.CodeVerification")]
public sealed record CodeVerification(bool Valid, string? MethodId, string? Method, TimeSpan? RetryAfter = null);
