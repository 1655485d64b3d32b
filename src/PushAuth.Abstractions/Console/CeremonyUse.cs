namespace PushAuth.Abstractions;

/// <summary>A WebAuthn ceremony being used up: its id (a hash of its challenge) and when it would have expired, until
/// which the admin directory remembers it so the same answer is never accepted twice.</summary>
[GenerateSerializer, Immutable, Alias("pa.CeremonyUse")]
public sealed record CeremonyUse(string CeremonyId, DateTimeOffset ExpiresAt);
