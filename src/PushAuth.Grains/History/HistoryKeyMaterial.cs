using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PushAuth.Grains.Security;
using PushAuth.History;
using PushAuth.Security;

namespace PushAuth.Grains.History;

/// <summary>The chain keys from <c>PushAuth:History:ChainKeys</c>; only in Development does an unset key fall back to a
/// development key kept through <see cref="ISystemKeysGrain"/>.</summary>
internal sealed class HistoryKeyMaterial(IOptions<HistoryOptions> options, IGrainFactory grains, IHostEnvironment environment)
{
    private HistoryKeys? _keys;

    public async Task<HistoryKeys> GetAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } cached)
        {
            return cached;
        }
        var o = options.Value;
        HmacKeyRing ring;
        if (o.ChainKeys is { Length: > 0 } configured)
        {
            ring = HmacKeyRing.Parse(configured, o.ActiveChainKeyId);
        }
        else if (environment.IsDevelopment())
        {
            ring = HmacKeyRing.Single(KeyMaterial.DevKeyId, await grains.GetGrain<ISystemKeysGrain>("default").GetOrCreateAsync("history", cancellationToken));
        }
        else
        {
            throw KeyRequirement.NotConfigured("PushAuth:History:ChainKeys");
        }
        return _keys = new HistoryKeys(ring.Keys, ring.ActiveKeyId);
    }
}
