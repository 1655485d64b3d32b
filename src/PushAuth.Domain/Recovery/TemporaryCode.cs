namespace PushAuth.Domain.Recovery;

/// <summary>An active temporary code: only its keyed hash and salt are stored, never the code.</summary>
public sealed record TemporaryCode(
    string CodeId,
    string Salt,
    string Hash,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string IssuedBy,
    bool Reusable,
    string? LoginServiceKeyId,
    DateTimeOffset? LastUsedAt);
