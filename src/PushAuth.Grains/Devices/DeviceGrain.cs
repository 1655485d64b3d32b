using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PushAuth.Diagnostics;
using PushAuth.Domain.Devices;
using PushAuth.Domain.Effects;
using PushAuth.Grains.Effects;
using PushAuth.Grains.Placement;
using PushAuth.Grains.Storage;
using PushAuth.History;
using PushAuth.Push;

namespace PushAuth.Grains.Devices;

/// <summary>One authenticator installation, placed on gateway silos: it holds the push route and sends the pushes.</summary>
[GatewaySiloPlacementFilter]
internal partial class DeviceGrain(
    [PersistentState("device", StorageNames.Default)] IPersistentState<DeviceState> state,
    EffectDelivery effects,
    PushSenders senders,
    TimeProvider time,
    ILogger<DeviceGrain> logger) : OwingGrain<DeviceState>(state, effects), IDeviceGrainInternal
{
    private const int MaxNonces = 512;

    protected override string GrainTypeName => "device";

    private string DeviceId => this.GetPrimaryKeyString();

    protected override DeviceState WithOwed(DeviceState s, OwedEffects owed) => s with { Owed = owed };

    public async Task<DeviceInfo> RegisterAsync(DeviceRegistration registration, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (Persisted.State.PublicKey is not null)
        {
            throw ProblemCodes.Devices.Exists.Error("This device id is taken.");
        }
        var r = DeviceRules.Validated(registration);
        // The development transport needs no provider token: the device id addresses its in-process inbox.
        var token = r.PushToken ?? (r.PushProvider == "dev" ? DeviceId : null);
        var s = new DeviceState
        {
            PublicKey = r.PublicKey, Platform = r.Platform, Provider = r.PushProvider, PushToken = token, PushTokenValid = token is not null,
            AppVersion = r.AppVersion, DisplayName = r.DisplayName, RegisteredAt = time.GetUtcNow(),
        };
        await ArmUnpairedPurgeAsync(cancellationToken);
        await SaveAsync(s with { Owed = History(HistoryActivities.DeviceRegistered, "registered", origin, $"platform={r.Platform}; provider={r.PushProvider}") }, cancellationToken);
        return Info();
    }

    public Task<DeviceInfo?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Persisted.State.PublicKey is null ? null : Info());

    public Task<string?> GetPublicKeyAsync(CancellationToken cancellationToken = default) => Task.FromResult(Persisted.State.PublicKey);

    public async Task UpdatePushTokenAsync(string provider, string token, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureActive();
        DeviceRules.ValidateToken(provider, token);
        var s = Persisted.State;
        await SaveAsync(s with
        {
            Provider = provider, PushToken = token, PushTokenValid = true, PushTokenInvalidReason = null,
            Owed = s.Owed.Plus(History(HistoryActivities.DevicePushTokenUpdated, "updated", origin, $"provider={provider}")),
        }, cancellationToken);
    }

    public async Task<bool> UseRequestNonceAsync(string nonce, DateTimeOffset signedAt, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var live = Persisted.State.RecentNonces.Where(n => now - n.SignedAt <= DeviceRules.SignatureSkew * 2).ToList();
        if (live.Any(n => n.Nonce == nonce))
        {
            return false;
        }
        await SaveAsync(Persisted.State with { RecentNonces = [.. live.TakeLast(MaxNonces - 1), new UsedNonce(nonce, signedAt)] }, cancellationToken);
        return true;
    }

    public async Task AddPairingAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        EnsureActive();
        var userKey = GrainKeys.User(tenantId, userId);
        if (!Persisted.State.Pairings.Any(p => p.UserKey == userKey))
        {
            await SaveAsync(Persisted.State with
            {
                Pairings = [.. Persisted.State.Pairings, new DevicePairing(userKey, tenantId, userId)],
                FirstPairedAt = Persisted.State.FirstPairedAt ?? time.GetUtcNow(),
            }, cancellationToken);
        }
    }

    public Task<IReadOnlyList<PairedUser>> GetPairedUsersAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PairedUser>>([.. Persisted.State.Pairings.Select(p => new PairedUser(p.TenantId, p.UserId))]);

    public Task<IReadOnlyList<string>> GetPairedUserKeysAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. Persisted.State.Pairings.Select(p => p.UserKey)]);

    public async Task RemovePairingAsync(string userKey, CancellationToken cancellationToken = default)
    {
        if (Persisted.State.Pairings.Any(p => p.UserKey == userKey))
        {
            await SaveAsync(Persisted.State with { Pairings = [.. Persisted.State.Pairings.Where(p => p.UserKey != userKey)] }, cancellationToken);
        }
    }

    public async Task DeregisterAsync(RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureActive();
        var s = Persisted.State;
        // The users are told after this write, and told again until each has removed the device: a silo dying midway
        // leaves the notices in the state, and the reminder finishes them from another silo.
        var notices = s.Pairings.Select(p => new OwedNotice(EffectIds.New(), OwedNotice.Kinds.DeviceDeregistered, p.UserKey, DeviceId)).ToList();
        await SaveAsync(s with
        {
            DeregisteredAt = time.GetUtcNow(), PushTokenValid = false, Pairings = [],
            Owed = s.Owed.Plus(History(HistoryActivities.DeviceDeregistered, "deregistered", origin, null)).Plus(OwedEffects.Of(notices)),
        }, cancellationToken);
    }

    public async Task<PushDelivery> PushAsync(PushRequest request, CancellationToken cancellationToken = default)
    {
        var s = Persisted.State;
        var now = time.GetUtcNow();
        if (now >= request.ExpiresAt)
        {
            return PushDelivery.GiveUp("expired");
        }
        if (!s.Active || !s.PushTokenValid || s.PushToken is not { } token)
        {
            return PushDelivery.GiveUp("device has no valid push token; it pulls instead");
        }
        if (!Enum.TryParse<PushProvider>(s.Provider, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            return PushDelivery.GiveUp($"unknown provider {s.Provider}");
        }
        var message = new PushMessage(Guid.NewGuid().ToString("D"), provider, token, s.Platform, request.Kind, request.ReferenceId, request.Nonce,
            request.ExpiresAt, request.CollapseId);
        PushResult result;
        var started = Stopwatch.GetTimestamp();
        using (var activity = PushAuthDiagnostics.Push.StartActivity("push.send", ActivityKind.Client))
        {
            activity?.SetTag("pushauth.push.provider", s.Provider);
            activity?.SetTag("pushauth.push.kind", request.Kind);
            result = await senders.SendAsync(message, cancellationToken);
            activity?.SetTag("pushauth.push.result", result.Kind.ToString());
            if (!result.IsDelivered)
            {
                activity?.SetStatus(ActivityStatusCode.Error, result.Reason);
            }
        }
        PushAuthDiagnostics.RecordPushSend(s.Provider, ResultKindTag(result.Kind), result.Reason, Stopwatch.GetElapsedTime(started));
        switch (result.Kind)
        {
            case PushResultKind.Delivered:
                return PushDelivery.Delivered;
            case PushResultKind.DeadToken:
                LogDeadToken(s.Provider, DeviceId, result.Reason);
                // A turn of its own (this call interleaves), so the write never overlaps another.
                await this.AsReference<IDeviceGrainInternal>().MarkPushTokenInvalidAsync(token, $"{s.Provider}:{result.Reason}", cancellationToken);
                return PushDelivery.RefusedByProvider("dead token");
            case PushResultKind.PermanentFailure:
                LogPermanentFailure(s.Provider, DeviceId, result.Reason);
                return PushDelivery.RefusedByProvider(result.Reason);
            case PushResultKind.AuthFailure:
                LogAuthFailure(s.Provider, result.Reason);
                break;
        }
        var wait = result.RetryAfter is { } after && after > TimeSpan.FromSeconds(1) ? after : TimeSpan.FromSeconds(1 + Random.Shared.NextDouble());
        return PushDelivery.Retry(time.GetUtcNow() + wait, result.Reason);
    }

    public async Task MarkPushTokenInvalidAsync(string token, string reason, CancellationToken cancellationToken = default)
    {
        // Only the token that failed: a newer token the app sent meanwhile stays valid.
        var s = Persisted.State;
        if (s.PushToken != token || !s.PushTokenValid)
        {
            return;
        }
        await SaveAsync(s with
        {
            PushTokenValid = false, PushTokenInvalidReason = reason,
            Owed = s.Owed.Plus(History(HistoryActivities.DevicePushTokenInvalid, "invalid", RequestOrigin.Internal, $"reason={reason}")),
        }, cancellationToken);
    }

    private void EnsureActive()
    {
        if (!Persisted.State.Active)
        {
            throw ProblemCodes.Devices.NotFound.Error("No such active device.");
        }
    }

    private DeviceInfo Info()
    {
        var s = Persisted.State;
        return new DeviceInfo(DeviceId, s.Platform, s.Provider, s.PushTokenValid, s.AppVersion, s.DisplayName, s.RegisteredAt, s.Active, [.. s.Pairings.Select(p => $"{p.TenantId}/{p.UserId}")]);
    }

    private OwedEffects History(string activity, string status, RequestOrigin origin, string? remarks) => new()
    {
        History = [HistoryEvents.Of(time.GetUtcNow(), HistoryTenants.Devices, null, DeviceId, activity, "device", status, origin, deviceId: DeviceId, remarks: remarks)],
    };

    private static string ResultKindTag(PushResultKind kind) => kind switch
    {
        PushResultKind.Delivered => PushAuthDiagnostics.PushResultKinds.Success,
        PushResultKind.DeadToken => PushAuthDiagnostics.PushResultKinds.InvalidToken,
        PushResultKind.RetryLater => PushAuthDiagnostics.PushResultKinds.Retryable,
        PushResultKind.AuthFailure => PushAuthDiagnostics.PushResultKinds.AuthFailure,
        _ => PushAuthDiagnostics.PushResultKinds.Permanent,
    };

    [LoggerMessage(EventId = LogEvents.PushTokenDead, Level = LogLevel.Information, Message = "{Provider} reports the push token of device {DeviceId} dead ({Reason}); marked invalid, the device will pull")]
    private partial void LogDeadToken(string provider, string deviceId, string reason);

    [LoggerMessage(EventId = LogEvents.PushCredentialsRejected, Level = LogLevel.Critical, Message = "{Provider} rejected our provider credentials ({Reason}); pushes are failing until the credentials are fixed")]
    private partial void LogAuthFailure(string provider, string reason);

    [LoggerMessage(EventId = LogEvents.PushPermanentFailure, Level = LogLevel.Warning, Message = "{Provider} permanently refused a push to device {DeviceId}: {Reason}")]
    private partial void LogPermanentFailure(string provider, string deviceId, string reason);
}
