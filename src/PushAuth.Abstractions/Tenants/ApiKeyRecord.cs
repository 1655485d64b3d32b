namespace PushAuth.Abstractions;

/// <summary>A stored API key: only its hash, never the key.</summary>
[GenerateSerializer, Immutable, Alias("pa.ApiKeyRecord")]
public sealed record ApiKeyRecord(string KeyId, string TenantId, ApiKeyRole Role, string Name, string Hash, DateTimeOffset CreatedAt, bool Revoked);
