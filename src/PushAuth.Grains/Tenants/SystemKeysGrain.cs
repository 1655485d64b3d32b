using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using PushAuth.Domain.Tenants;
using PushAuth.Grains.Security;
using PushAuth.Grains.Storage;

namespace PushAuth.Grains.Tenants;

/// <summary>Development-default keys, generated once and shared through storage. The ETag write makes two silos
/// racing to create a key agree on one. Outside Development it refuses to hand out or create a key: a key kept in the
/// database protects nothing against a copy of it.</summary>
internal sealed class SystemKeysGrain(
    [PersistentState("systemkeys", StorageNames.Default)] IPersistentState<SystemKeysState> state,
    IHostEnvironment environment) : Grain, ISystemKeysGrain
{
    public async Task<byte[]> GetOrCreateAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!environment.IsDevelopment())
        {
            throw KeyRequirement.NotConfigured($"The key '{name}'");
        }
        if (state.State.Keys.TryGetValue(name, out var existing))
        {
            return Convert.FromBase64String(existing);
        }
        var key = RandomNumberGenerator.GetBytes(32);
        state.State = new SystemKeysState { Keys = new Dictionary<string, string>(state.State.Keys) { [name] = Convert.ToBase64String(key) } };
        await state.WriteStateAsync(cancellationToken);
        return key;
    }
}
