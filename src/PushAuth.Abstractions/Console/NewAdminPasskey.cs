namespace PushAuth.Abstractions;

/// <summary>A passkey whose registration (attestation) the silo has verified, to be stored for an admin.</summary>
/// <param name="Ceremony">The registration ceremony it answered; each ceremony is used once.</param>
[GenerateSerializer, Immutable, Alias("pa.NewAdminPasskey")]
public sealed record NewAdminPasskey(string CredentialId, string Name, byte[] PublicKey, uint SignCount, CeremonyUse Ceremony);
