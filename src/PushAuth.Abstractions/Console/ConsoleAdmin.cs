namespace PushAuth.Abstractions;

/// <summary>A person who administers a tenant in the console: an identity of the admin plane, never a user of the tenant's
/// MFA plane (no end-user token, TOTP seed, pairing or challenge authenticates them). Signed in with one of their passkeys.</summary>
/// <param name="AdminId">Server-chosen (<c>adm_…</c>); also the WebAuthn user handle of their passkeys.</param>
/// <param name="SessionsNotBefore">Console sessions signed in at or before this time no longer count (sign-out, role change).</param>
[GenerateSerializer, Immutable, Alias("pa.ConsoleAdmin")]
public sealed record ConsoleAdmin(
    string AdminId,
    string DisplayName,
    ApiKeyRole Role,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyList<AdminPasskey> Passkeys,
    DateTimeOffset? SessionsNotBefore)
{
    /// <summary>The most passkeys one admin may hold.</summary>
    public const int MaxPasskeys = 10;

    public AdminPasskey? Passkey(string credentialId) => Passkeys.FirstOrDefault(p => p.CredentialId == credentialId);
}
