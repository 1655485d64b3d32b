using PushAuth.Abstractions;
using PushAuth.Hosting;

namespace PushAuth.Grains.Tests.Cluster;

// Minimal stand-ins for the identity grains (tenant, user, device), so the approval grains can be tested on real
// storage and several silos on their own. They keep real persisted state, so every silo sees the same facts.

[GrainType("tenant")]
public interface IStandInTenantGrain : ITenantSettingsGrain
{
    Task SetAsync(TenantSettings settings, CancellationToken cancellationToken = default);
}

[GrainState(1)]
public sealed record StandInTenantState
{
    public TenantSettings? Settings { get; init; }
}

public sealed class StandInTenantGrain(IPersistentState<StandInTenantState> state) : IStandInTenantGrain
{
    public Task<TenantSettings?> GetSettingsAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Settings);

    public async Task SetAsync(TenantSettings settings, CancellationToken cancellationToken = default)
    {
        state.State = new StandInTenantState { Settings = settings };
        await state.WriteStateAsync(cancellationToken);
    }
}

[GrainType("user")]
public interface IStandInUserGrain : IUserPushTargetsGrain
{
    Task PairAsync(string deviceId, CancellationToken cancellationToken = default);

    Task UnpairAsync(string deviceId, CancellationToken cancellationToken = default);
}

[GrainState(1)]
public sealed record StandInUserState
{
    public IReadOnlyList<string> Devices { get; init; } = [];
}

public sealed class StandInUserGrain(IPersistentState<StandInUserState> state) : IStandInUserGrain
{
    public Task<IReadOnlyList<PushTarget>> GetPushTargetsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PushTarget>>([.. state.State.Devices.Select(d => new PushTarget(d, "pairing-" + d, d))]);

    public Task<bool> IsDevicePairedAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Devices.Contains(deviceId));

    public async Task PairAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        state.State = new StandInUserState { Devices = [.. state.State.Devices, deviceId] };
        await state.WriteStateAsync(cancellationToken);
    }

    public async Task UnpairAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        state.State = new StandInUserState { Devices = [.. state.State.Devices.Where(d => d != deviceId)] };
        await state.WriteStateAsync(cancellationToken);
    }
}

[GrainType("device")]
public interface IStandInDeviceGrain : IDevicePushGrain
{
    Task RegisterAsync(string publicKey, string token, string provider = "dev", CancellationToken cancellationToken = default);

    Task<string?> InvalidReasonAsync(CancellationToken cancellationToken = default);
}

[GrainState(1)]
public sealed record StandInDeviceState
{
    public string? PublicKey { get; init; }

    public string? Token { get; init; }

    public string Provider { get; init; } = "dev";

    public string? InvalidReason { get; init; }
}

public sealed class StandInDeviceGrain(IGrainContext context, IPersistentState<StandInDeviceState> state) : IStandInDeviceGrain
{
    public Task<string?> GetPublicKeyAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.PublicKey);

    public Task<DevicePushInfo?> GetPushInfoAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<DevicePushInfo?>(state.State.PublicKey is null ? null
            : new DevicePushInfo(context.GrainId.Key, state.State.Provider, "android", state.State.Token, state.State.InvalidReason is null, true));

    public async Task MarkPushTokenInvalidAsync(string token, string reason, CancellationToken cancellationToken = default)
    {
        state.State = state.State with { InvalidReason = reason };
        await state.WriteStateAsync(cancellationToken);
    }

    public Task<string?> InvalidReasonAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.InvalidReason);

    public async Task RegisterAsync(string publicKey, string token, string provider = "dev", CancellationToken cancellationToken = default)
    {
        state.State = new StandInDeviceState { PublicKey = publicKey, Token = token, Provider = provider };
        await state.WriteStateAsync(cancellationToken);
    }
}
