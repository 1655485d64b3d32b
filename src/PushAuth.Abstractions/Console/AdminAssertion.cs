namespace PushAuth.Abstractions;

/// <summary>A passkey assertion the silo has verified against the stored public key, to be recorded (counter, last use,
/// ceremony used up) before it may sign anyone in.</summary>
[GenerateSerializer, Immutable, Alias("pa.AdminAssertion")]
public sealed record AdminAssertion(string AdminId, string CredentialId, uint SignCount, CeremonyUse Ceremony);
