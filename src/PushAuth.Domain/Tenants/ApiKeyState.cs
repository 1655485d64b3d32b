using PushAuth.Abstractions;

namespace PushAuth.Domain.Tenants;

/// <summary>Persisted state of a leaf grain.</summary>
public sealed record ApiKeyState
{
    public ApiKeyRecord? Record { get; init; }
}
