using System.Security.Cryptography;
using PushAuth.Abstractions;
using PushAuth.Hosting;

namespace PushAuth.Grains.Tenants;

/// <summary>Development-default keys, generated once and shared through storage. The ETag write makes two silos
/// racing to create a key agree on one.</summary>
public sealed class SystemKeysGrain(IPersistentState<SystemKeysState> state) : ISystemKeysGrain
{
    public async Task<byte[]> GetOrCreateAsync(string name, CancellationToken cancellationToken = default)
    {
        if (state.State.Keys.TryGetValue(name, out var existing))
        {
            return Convert.FromBase64String(existing);
        }
        var key = RandomNumberGenerator.GetBytes(32);
        state.State = new SystemKeysState { Keys = new Dictionary<string, string>(state.State.Keys) { [name] = Convert.ToBase64String(key) } };
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return key;
    }
}
