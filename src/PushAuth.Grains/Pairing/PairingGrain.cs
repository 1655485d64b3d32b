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
    private readonly List<TaskCompletionSource> _waiters = [];
    private PairingDecider? _decider;
    private PairingState _committed = new();

    /// <summary>A phrase pairing not claimed yet: kept in memory only (see the class summary).</summary>
    private PairingState? _unclaimed;

    /// <summary>The pairing as it stands: the unclaimed phrase pairing, else the saved state.</summary>
    private PairingState State => _unclaimed ?? Persisted.State;

    protected override string GrainTypeName => "pairing";

    private string Id => this.GetPrimaryKeyString();

    /// <summary>The pairing's rules, for this pairing's id.</summary>
    private PairingDecider Decider => _decider ??= new PairingDecider(Id, time);

    protected override PairingState WithOwed(PairingState s, OwedEffects owed) => s with { Owed = owed };

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _committed = Persisted.State;
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<PairingView> StartPhraseAsync(string deviceId, string phrase, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        _committed = _unclaimed = Decider.StartPhrase(State, deviceId, lifetime);
        // Idle collection must not forget a phrase the user is still typing.
        this.DelayDeactivation(lifetime + TimeSpan.FromMinutes(1));
        return Task.FromResult(View(State));
    }

    public async Task<PairingView> ClaimAsync(string tenantId, string tenantName, string userId, string serviceName, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        await SavePairingAsync(Decider.Claim(State, tenantId, tenantName, userId, serviceName, origin, TraceContextCarrier.Capture(Activity.Current)), cancellationToken);
        return View(State);
    }

    public async Task<PairingView> StartOfferAsync(string tenantId, string tenantName, string userId, string serviceName, string credentialHash, TimeSpan lifetime, string actor,
        RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        await SavePairingAsync(Decider.StartOffer(State, tenantId, tenantName, userId, serviceName, credentialHash, lifetime, actor, origin), cancellationToken);
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
        Decider.EnsureConfirmable(State, deviceId, decision);
        var s = Current(State);
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
        Decider.EnsureCompletable(State);
        var s = Current(State);
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

    /// <summary>Counts a failed attempt (audited); the pairing is void after <see cref="PairingDecider.MaxFailedAttempts"/>.</summary>
    private Task RecordFailedAttemptAsync(string deviceId, string activity, RequestOrigin origin, CancellationToken cancellationToken) =>
        SavePairingAsync(Decider.FailedAttempt(State, deviceId, activity, origin), cancellationToken);

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
        var (finished, outcome) = Decider.Finished(s, method, deviceId, origin);
        await SavePairingAsync(finished, cancellationToken);
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
    private PairingState Current(PairingState s) => Decider.Current(s);

    private PairingView View(PairingState raw)
    {
        var s = Current(raw);
        return new PairingView(Id, s.Kind, s.Status, s.UserId, s.ServiceName, s.Status == PairingStatus.Accepted ? s.DeviceId : null, s.MethodId, s.ExpiresAt);
    }
}
