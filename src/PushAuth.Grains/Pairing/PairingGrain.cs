using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using PushAuth.Diagnostics;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Pairing;
using PushAuth.Grains.Devices;
using PushAuth.Grains.Effects;
using PushAuth.Grains.Storage;
using PushAuth.History;
using PushAuth.Security;

namespace PushAuth.Grains.Pairing;

/// <summary>One pairing. It calls the user and device grains, which never call it, so no call cycle. A phrase pairing
/// lives in the activation's memory until a login service claims it (an authenticated call): what a device can create
/// on its own writes no row, so phrases that expire unclaimed leave nothing behind. An offer, made by a login service
/// or an admin, is saved at once.</summary>
internal sealed class PairingGrain(
    [PersistentState("pairing", StorageNames.Default)] IPersistentState<PairingState> state,
    EffectDelivery effects,
    DeviceKeyCache deviceKeys,
    TimeProvider time) : OwingGrain<PairingState>(state, effects), IPairingGrain
{
    /// <summary>Wrong QR credentials, or wrongly signed confirmations, tolerated before the pairing is void.</summary>
    public const int MaxFailedAttempts = 5;

    private readonly List<TaskCompletionSource> _waiters = [];
    private PairingState _committed = new();

    /// <summary>A phrase pairing not claimed yet: kept in memory only (see the class summary).</summary>
    private PairingState? _unclaimed;

    /// <summary>The pairing as it stands: the unclaimed phrase pairing, else the saved state.</summary>
    private PairingState State => _unclaimed ?? Persisted.State;

    protected override string GrainTypeName => "pairing";

    private string Id => this.GetPrimaryKeyString();

    protected override PairingState WithOwed(PairingState s, OwedEffects owed) => s with { Owed = owed };

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _committed = Persisted.State;
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<PairingView> StartPhraseAsync(string deviceId, string phrase, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        if (State.Status != PairingStatus.None)
        {
            throw ProblemCodes.Pairing.Exists.Error("This pairing id is taken.");
        }
        _committed = _unclaimed = new PairingState
        {
            Kind = "phrase", Status = PairingStatus.AwaitingClaim, DeviceId = deviceId, Nonce = NewNonce(), ExpiresAt = time.GetUtcNow() + lifetime,
        };
        // Idle collection must not forget a phrase the user is still typing.
        this.DelayDeactivation(lifetime + TimeSpan.FromMinutes(1));
        return Task.FromResult(View(State));
    }

    public async Task<PairingView> ClaimAsync(string tenantId, string tenantName, string userId, string serviceName, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = Current(State);
        if (s.Kind != "phrase" || s.Status == PairingStatus.None)
        {
            throw ProblemCodes.Pairing.UnknownPhrase.Error("Unknown, expired or used pairing phrase.");
        }
        if (s.Status != PairingStatus.AwaitingClaim)
        {
            throw ProblemCodes.Pairing.PhraseUsed.Error("Unknown, expired or used pairing phrase.");
        }
        var claimed = s with { Status = PairingStatus.AwaitingDevice, TenantId = tenantId, TenantName = tenantName, UserId = userId, ServiceName = serviceName, BoundAt = time.GetUtcNow() };
        await SavePairingAsync(claimed with
        {
            Owed = s.Owed.Plus(OwedEffects.Of(
                new OwedPush(EffectIds.New(), new PushRequest("pairing", s.DeviceId!, Id, s.Nonce, s.ExpiresAt, Id), TraceContextCarrier.Capture(Activity.Current))))
                .Plus(History(claimed, HistoryActivities.PairingClaimed, "claimed", s.DeviceId!, origin, $"service={serviceName}")),
        }, cancellationToken);
        return View(State);
    }

    public async Task<PairingView> StartOfferAsync(string tenantId, string tenantName, string userId, string serviceName, string credentialHash, TimeSpan lifetime, string actor,
        RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (State.Status != PairingStatus.None)
        {
            throw ProblemCodes.Pairing.Exists.Error("This pairing id is taken.");
        }
        var offer = new PairingState
        {
            Kind = "offer", Status = PairingStatus.AwaitingDevice, TenantId = tenantId, TenantName = tenantName, UserId = userId, ServiceName = serviceName,
            CredentialHash = credentialHash, Nonce = NewNonce(), ExpiresAt = time.GetUtcNow() + lifetime, BoundAt = time.GetUtcNow(),
        };
        await SavePairingAsync(offer with { Owed = History(offer, HistoryActivities.PairingOfferCreated, "created", actor, origin, $"service={serviceName}") }, cancellationToken);
        return View(State);
    }

    public Task<PairingView?> GetAsync(string tenantId, CancellationToken cancellationToken = default) =>
        Task.FromResult(State.TenantId == tenantId ? View(State) : null);

    public async Task<PairingView?> WaitAsync(string tenantId, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        // Interleaves with the device's answer: reads only saved state, parks until the next save or the timeout.
        var s = _committed;
        if (s.TenantId != tenantId)
        {
            return null;
        }
        if (Current(s).Status is PairingStatus.AwaitingClaim or PairingStatus.AwaitingDevice && wait > TimeSpan.Zero)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add(done);
            var bound = wait < ChallengeWaits.MaxGrainWait ? wait : ChallengeWaits.MaxGrainWait;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(done.Task, Task.Delay(bound, time, timeout.Token));
            timeout.Cancel();
            _waiters.Remove(done);
        }
        return View(_committed);
    }

    public Task<DevicePairingView?> GetForDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var s = Current(State);
        return Task.FromResult(s.DeviceId == deviceId
            ? new DevicePairingView(Id, s.Status, s.TenantName, s.ServiceName, s.UserId, s.Nonce, s.ExpiresAt)
            : null);
    }

    public async Task<PairingView> ConfirmAsync(string deviceId, string decision, string signature, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = Current(State);
        if (s.Kind != "phrase" || s.DeviceId != deviceId)
        {
            throw ProblemCodes.Pairing.NotFound.Error("No such pairing for this device.");
        }
        if (s.Status != PairingStatus.AwaitingDevice)
        {
            throw s.Status == PairingStatus.Expired
                ? ProblemCodes.Pairing.Expired.Error("The pairing expired.")
                : ProblemCodes.Pairing.NotAwaitingDevice.Error($"The pairing is {s.Status}.");
        }
        if (decision is not ("accept" or "reject"))
        {
            throw ProblemCodes.Pairing.DecisionInvalid.Error("'decision' must be \"accept\" or \"reject\".");
        }
        var key = await deviceKeys.GetAsync(deviceId, cancellationToken);
        if (key is null || !DeviceSignature.Verify(key, CanonicalPairingConfirmation.Build(Id, s.Nonce, decision, deviceId), signature))
        {
            await RecordFailedAttemptAsync(deviceId, HistoryActivities.PairingConfirmSignatureRejected, origin, cancellationToken);
            throw ProblemCodes.Pairing.BadSignature.Error("The confirmation's signature does not verify with this device's key.");
        }
        return decision == "reject"
            ? await FinishAsync(State with { Status = PairingStatus.Rejected }, "phrase", deviceId, origin, cancellationToken)
            : await PairAsync(State, deviceId, "phrase", origin, cancellationToken);
    }

    public async Task<PairingView> CompleteOfferAsync(string deviceId, string credential, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = Current(State);
        if (s.Kind != "offer")
        {
            throw ProblemCodes.Pairing.OfferNotFound.Error("Unknown, expired or used offer.");
        }
        if (s.Status != PairingStatus.AwaitingDevice)
        {
            throw ProblemCodes.Pairing.OfferUsed.Error("Unknown, expired or used offer.");
        }
        var presented = Encoding.UTF8.GetBytes(HashCredential(credential));
        if (!CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(s.CredentialHash ?? "")))
        {
            await RecordFailedAttemptAsync(deviceId, HistoryActivities.PairingOfferCredentialRejected, origin, cancellationToken);
            throw ProblemCodes.Pairing.BadCredential.Error("The enrollment credential is not valid for this offer.");
        }
        return await PairAsync(State with { DeviceId = deviceId }, deviceId, "qr", origin, cancellationToken);
    }

    /// <summary>SHA-256 of a QR credential, as stored; the credential itself is never stored.</summary>
    public static string HashCredential(string credential) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));

    /// <summary>Counts a failed attempt (audited); the pairing is void after <see cref="MaxFailedAttempts"/>.</summary>
    private async Task RecordFailedAttemptAsync(string deviceId, string activity, RequestOrigin origin, CancellationToken cancellationToken)
    {
        var s = State;
        var failed = s with { FailedAttempts = s.FailedAttempts + 1 };
        if (failed.FailedAttempts >= MaxFailedAttempts)
        {
            failed = failed with { Status = PairingStatus.Rejected };
        }
        await SavePairingAsync(failed with { Owed = s.Owed.Plus(History(failed, activity, "rejected", deviceId, origin, $"attempts={failed.FailedAttempts}")) }, cancellationToken);
    }

    private async Task<PairingView> PairAsync(PairingState s, string deviceId, string method, RequestOrigin origin, CancellationToken cancellationToken)
    {
        var device = await GrainFactory.GetGrain<IDeviceGrain>(deviceId).GetAsync(cancellationToken);
        if (device is not { Active: true })
        {
            throw ProblemCodes.Devices.NotFound.Error("No such active device.");
        }
        var userKey = GrainKeys.User(s.TenantId!, s.UserId!);
        // Both steps are idempotent: a retry after a failure midway pairs once.
        await GrainFactory.GetGrain<IDeviceGrain>(deviceId).AddPairingAsync(s.TenantId!, s.UserId!, cancellationToken);
        string methodId;
        try
        {
            methodId = await GrainFactory.GetGrain<IUserGrain>(userKey).AddDeviceAsync(s.TenantId!, s.UserId!, deviceId, device.DisplayName, method, origin, s.BoundAt, cancellationToken);
        }
        catch (PushAuthException e) when (e.Problem == ProblemCodes.Pairing.Revoked)
        {
            // The user's methods were revoked after this pairing was bound (a lost or stolen phone): it ends here, and
            // the device forgets the pairing it was just given.
            await GrainFactory.GetGrain<IDeviceGrain>(deviceId).RemovePairingAsync(userKey, cancellationToken);
            await FinishAsync(State with { Status = PairingStatus.Rejected, DeviceId = deviceId }, method, deviceId, origin, cancellationToken);
            throw;
        }
        return await FinishAsync(State with { Status = PairingStatus.Accepted, DeviceId = deviceId, MethodId = methodId }, method, deviceId, origin, cancellationToken);
    }

    private async Task<PairingView> FinishAsync(PairingState s, string method, string deviceId, RequestOrigin origin, CancellationToken cancellationToken)
    {
        var outcome = s.Status == PairingStatus.Accepted ? "accepted" : "rejected";
        await SavePairingAsync(s with { Owed = s.Owed.Plus(History(s, "pairing." + outcome, outcome, deviceId, origin, $"method={method}")) }, cancellationToken);
        PushAuthDiagnostics.RecordPairingCompleted(method, outcome);
        return View(State);
    }

    private async Task SavePairingAsync(PairingState next, CancellationToken cancellationToken)
    {
        await SaveAsync(next, cancellationToken);
        _unclaimed = null;
        _committed = Persisted.State;
        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>The state as of now: a pending pairing past its expiry reads as expired (no write needed).</summary>
    private PairingState Current(PairingState s) =>
        s.Status is PairingStatus.AwaitingClaim or PairingStatus.AwaitingDevice && time.GetUtcNow() >= s.ExpiresAt
            ? s with { Status = PairingStatus.Expired }
            : s;

    private PairingView View(PairingState raw)
    {
        var s = Current(raw);
        return new PairingView(Id, s.Kind, s.Status, s.UserId, s.ServiceName, s.Status == PairingStatus.Accepted ? s.DeviceId : null, s.MethodId, s.ExpiresAt);
    }

    private OwedEffects History(PairingState s, string activity, string status, string actor, RequestOrigin origin, string? remarks) => new()
    {
        History = [HistoryEvents.Of(time.GetUtcNow(), s.TenantId ?? HistoryTenants.Devices, s.UserId, actor, activity, s.Kind, status, origin,
            deviceId: s.DeviceId, remarks: remarks, correlationId: Id)],
    };

    private static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
