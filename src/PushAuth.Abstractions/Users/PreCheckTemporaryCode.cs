namespace PushAuth.Abstractions;

/// <summary>A temporary code in a <see cref="PreCheck"/>: usable when an admin issued one that has not expired, is not
/// used up and is not limited to another login service. The code itself is never shown.</summary>
[GenerateSerializer, Immutable, Alias("pa.PreCheckTemporaryCode")]
public sealed record PreCheckTemporaryCode(bool Usable, DateTimeOffset? ExpiresAt);
