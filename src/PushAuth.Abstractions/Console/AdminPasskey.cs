namespace PushAuth.Abstractions;

/// <summary>A WebAuthn credential (passkey) of an admin: the public key only, never a secret.</summary>
/// <param name="CredentialId">The credential id, base64url.</param>
/// <param name="PublicKey">The COSE public key the authenticator returned at registration.</param>
/// <param name="SignCount">The last signature counter seen (0: the authenticator keeps none).</param>
[GenerateSerializer, Immutable, Alias("pa.AdminPasskey")]
public sealed record AdminPasskey(string CredentialId, string Name, byte[] PublicKey, uint SignCount, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
