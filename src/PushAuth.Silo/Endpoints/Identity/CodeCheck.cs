namespace PushAuth.Silo.Endpoints.Identity;

/// <summary>The answer to a code check: valid or not, and by which method (<c>totp</c> or <c>temporary-code</c>). When to try
/// again is the <c>Retry-After</c> header.</summary>
public sealed record CodeCheck(bool Valid, string? MethodId, string? Method);
