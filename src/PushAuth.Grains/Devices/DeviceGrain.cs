using PushAuth.Abstractions;
using PushAuth.Hosting;

namespace PushAuth.Grains.Devices;

/// <summary>One authenticator installation. A leaf grain: it calls no other grain.</summary>
public sealed class DeviceGrain(IGrainContext context, IPersistentState<DeviceState> state, TimeProvider time) : IDeviceGrain
{
    private const int MaxNonces = 512;

    private string DeviceId => context.GrainId.Key;

    public async Task<DeviceInfo> RegisterAsync(DeviceRegistration registration, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (state.State.PublicKey is not null)
        {
            throw PushAuthException.Conflict("device.exists", "This device id is taken.");
        }
        var r = DeviceRules.Validated(registration);
        var now = time.GetUtcNow();
        // The development transport needs no provider token: the device id addresses its in-process inbox.
        var token = r.PushToken ?? (r.PushProvider == "dev" ? DeviceId : null);
        state.State = new DeviceState
        {
            PublicKey = r.PublicKey, Platform = r.Platform, Provider = r.PushProvider, PushToken = token, PushTokenValid = token is not null,
            AppVersion = r.AppVersion, DisplayName = r.DisplayName, RegisteredAt = now,
        };
        state.StageAudit(Audit("device.registered", "registered", origin, $"platform={r.Platform}; provider={r.PushProvider}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return Info();
    }

    public Task<DeviceInfo?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.PublicKey is null ? null : Info());

    public Task<string?> GetPublicKeyAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.PublicKey);

    public Task<DevicePushInfo?> GetPushInfoAsync(CancellationToken cancellationToken = default)
    {
        var s = state.State;
        return Task.FromResult(s.PublicKey is null ? null : new DevicePushInfo(DeviceId, s.Provider, s.Platform, s.PushToken, s.PushTokenValid, s.Active));
    }

    public async Task MarkPushTokenInvalidAsync(string token, string reason, CancellationToken cancellationToken = default)
    {
        // Only the token that failed: a newer token the app sent meanwhile stays valid.
        if (state.State.PushToken != token || !state.State.PushTokenValid)
        {
            return;
        }
        state.State = state.State with { PushTokenValid = false, PushTokenInvalidReason = reason };
        state.StageAudit(Audit("device.push-token-invalid", "invalid", RequestOrigin.Internal, $"reason={reason}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdatePushTokenAsync(string provider, string token, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureActive();
        DeviceRules.ValidateToken(provider, token);
        state.State = state.State with { Provider = provider, PushToken = token, PushTokenValid = true, PushTokenInvalidReason = null };
        state.StageAudit(Audit("device.push-token-updated", "updated", origin, $"provider={provider}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UseRequestNonceAsync(string nonce, DateTimeOffset signedAt, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var live = state.State.RecentNonces.Where(n => now - n.SignedAt <= DeviceRules.SignatureSkew * 2).ToList();
        if (live.Any(n => n.Nonce == nonce))
        {
            return false;
        }
        state.State = state.State with { RecentNonces = [.. live.TakeLast(MaxNonces - 1), new UsedNonce(nonce, signedAt)] };
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task AddPairingAsync(string userKey, CancellationToken cancellationToken = default)
    {
        EnsureActive();
        if (!state.State.Pairings.Contains(userKey))
        {
            state.State = state.State with { Pairings = [.. state.State.Pairings, userKey] };
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RemovePairingAsync(string userKey, CancellationToken cancellationToken = default)
    {
        if (state.State.Pairings.Contains(userKey))
        {
            state.State = state.State with { Pairings = [.. state.State.Pairings.Where(p => p != userKey)] };
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<string>> DeregisterAsync(RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureActive();
        var pairings = state.State.Pairings;
        state.State = state.State with { DeregisteredAt = time.GetUtcNow(), PushTokenValid = false, Pairings = [] };
        state.StageAudit(Audit("device.deregistered", "deregistered", origin, null));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return pairings;
    }

    private void EnsureActive()
    {
        if (!state.State.Active)
        {
            throw PushAuthException.NotFound("device.not-found", "No such active device.");
        }
    }

    private DeviceInfo Info()
    {
        var s = state.State;
        return new DeviceInfo(DeviceId, s.Platform, s.Provider, s.PushTokenValid, s.AppVersion, s.DisplayName, s.RegisteredAt, s.Active, s.Pairings);
    }

    // Device events are audited under the reserved tenant "_devices" until the device pairs with a tenant's user.
    private AuditEntry Audit(string action, string outcome, RequestOrigin origin, string? details) =>
        new(time.GetUtcNow(), "_devices", null, DeviceId, action, "device", outcome, origin.SourceIp, origin.UserAgent, origin.TraceId,
            details is null ? $"device={DeviceId}" : $"device={DeviceId}; {details}");
}
