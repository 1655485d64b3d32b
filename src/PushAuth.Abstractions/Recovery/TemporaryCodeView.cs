namespace PushAuth.Abstractions;

/// <summary>The user's active temporary code as admins see it (never the code).</summary>
[GenerateSerializer, Immutable, Alias("pa.TemporaryCodeView")]
public sealed record TemporaryCodeView(string CodeId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string IssuedBy, bool Reusable, string? LoginServiceKeyId, DateTimeOffset? LastUsedAt);
