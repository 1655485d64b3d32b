using PushAuth.Hosting;

namespace PushAuth.Grains.Tenants;

[GrainState(1)]
public sealed record SystemKeysState
{
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();
}
