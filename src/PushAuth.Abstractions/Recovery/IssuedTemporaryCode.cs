namespace PushAuth.Abstractions;

/// <summary>A new temporary code: <see cref="Code"/> is shown this once and stored only as a keyed hash.</summary>
[GenerateSerializer, Immutable, Alias("pa.IssuedTemporaryCode")]
public sealed record IssuedTemporaryCode(string CodeId, string Code, DateTimeOffset ExpiresAt, bool Reusable, string? LoginServiceKeyId, int IssuedInLastHour);
