
namespace PushAuth.Domain.Tenants;

/// <summary>Persisted state of a leaf grain.</summary>
public sealed record SystemKeysState
{
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();
}
