using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PushAuth.Abstractions;
using PushAuth.Diagnostics;
using PushAuth.Grains.Challenges;
using PushAuth.Hosting;
using PushAuth.Security;

namespace PushAuth.Grains.Pairing;

/// <summary>One pairing. Calls the user and device grains (never the other way), so no call cycle.</summary>
public sealed class PairingGrain(IGrainContext context, IPersistentState<PairingState> state, DeviceKeyCache deviceKeys, TimeProvider time) : IPairingGrain
{
    /// <summary>Wrong QR credentials, or wrongly signed confirmations, tolerated before the pairing is void.</summary>
    public const int MaxFailedAttempts = 5;

    private string Id => context.GrainId.Key;

    /// <summary>Topic waiters on a pairing subscribe to.</summary>
    public static string Topic(string pairingId) => "pairing/" + pairingId;

    public async Task<PairingView> StartPhraseAsync(string deviceId, string phrase, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        if (state.State.Status != PairingStatus.None)
        {
            throw PushAuthException.Conflict("pairing.exists", "This pairing id is taken.");
        }
        state.State = new PairingState { Kind = "phrase", Status = PairingStatus.AwaitingClaim, DeviceId = deviceId, Nonce = NewNonce(), ExpiresAt = time.GetUtcNow() + lifetime };
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return View();
    }

    public async Task<PairingView> ClaimAsync(string tenantId, string tenantName, string userId, string serviceName, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = Current();
        if (s.Kind != "phrase" || s.Status == PairingStatus.None)
        {
            throw PushAuthException.NotFound("pairing.unknown-phrase", "Unknown, expired or used pairing phrase.");
        }
        if (s.Status != PairingStatus.AwaitingClaim)
        {
            throw PushAuthException.Gone("pairing.phrase-used", "Unknown, expired or used pairing phrase.");
        }
        state.State = s with { Status = PairingStatus.AwaitingDevice, TenantId = tenantId, TenantName = tenantName, UserId = userId, ServiceName = serviceName };
        state.StageOutbox(new OutboxMessage(PushRequest.Topic, new PushRequest("pairing", s.DeviceId!, Id, s.Nonce, s.ExpiresAt, Id).ToJson(),
            TraceContext: TraceContextCarrier.Capture()));
        state.StageAudit(Audit("pairing.claimed", "claimed", s.DeviceId!, origin, $"pairing={Id}; service={serviceName}"));
        state.StageNotification(Topic(Id));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return View();
    }

    public async Task<PairingView> StartOfferAsync(string tenantId, string tenantName, string userId, string serviceName, string credentialHash, TimeSpan lifetime, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (state.State.Status != PairingStatus.None)
        {
            throw PushAuthException.Conflict("pairing.exists", "This pairing id is taken.");
        }
        state.State = new PairingState
        {
            Kind = "offer", Status = PairingStatus.AwaitingDevice, TenantId = tenantId, TenantName = tenantName, UserId = userId, ServiceName = serviceName,
            CredentialHash = credentialHash, Nonce = NewNonce(), ExpiresAt = time.GetUtcNow() + lifetime,
        };
        state.StageAudit(Audit("pairing.offer-created", "created", "login-service", origin, $"pairing={Id}; service={serviceName}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return View();
    }

    public Task<PairingView?> GetAsync(string tenantId, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.TenantId == tenantId ? View() : null);

    public Task<DevicePairingView?> GetForDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var s = Current();
        return Task.FromResult(s.DeviceId == deviceId
            ? new DevicePairingView(Id, s.Status, s.TenantName, s.ServiceName, s.UserId, s.Nonce, s.ExpiresAt)
            : null);
    }

    public async Task<PairingView> ConfirmAsync(string deviceId, string decision, string signature, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = Current();
        if (s.Kind != "phrase" || s.DeviceId != deviceId)
        {
            throw PushAuthException.NotFound("pairing.not-found", "No such pairing for this device.");
        }
        if (s.Status != PairingStatus.AwaitingDevice)
        {
            throw s.Status == PairingStatus.Expired
                ? PushAuthException.Gone("pairing.expired", "The pairing expired.")
                : PushAuthException.Conflict("pairing.not-awaiting-device", $"The pairing is {s.Status}.");
        }
        if (decision is not ("accept" or "reject"))
        {
            throw PushAuthException.Invalid("decision.invalid", "'decision' must be \"accept\" or \"reject\".");
        }
        var key = await deviceKeys.GetAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (key is null || !DeviceSignature.Verify(key, CanonicalPairingConfirmation.Build(Id, s.Nonce, decision, deviceId), signature))
        {
            await RecordFailedAttemptAsync(s, deviceId, "pairing.confirm-signature-rejected", origin, cancellationToken).ConfigureAwait(false);
            throw PushAuthException.Unauthenticated("pairing.bad-signature", "The confirmation's signature does not verify with this device's key.");
        }
        if (decision == "reject")
        {
            return await FinishAsync(s with { Status = PairingStatus.Rejected }, "phrase", deviceId, origin, cancellationToken).ConfigureAwait(false);
        }
        return await PairAsync(s, deviceId, "phrase", origin, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PairingView> CompleteOfferAsync(string deviceId, string credential, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = Current();
        if (s.Kind != "offer")
        {
            throw PushAuthException.NotFound("pairing.offer-not-found", "Unknown, expired or used offer.");
        }
        if (s.Status != PairingStatus.AwaitingDevice)
        {
            throw PushAuthException.Gone("pairing.offer-used", "Unknown, expired or used offer.");
        }
        var presented = Encoding.UTF8.GetBytes(HashCredential(credential));
        if (!CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(s.CredentialHash ?? "")))
        {
            await RecordFailedAttemptAsync(s, deviceId, "pairing.offer-credential-rejected", origin, cancellationToken).ConfigureAwait(false);
            throw PushAuthException.Unauthenticated("pairing.bad-credential", "The enrollment credential is not valid for this offer.");
        }
        return await PairAsync(s with { DeviceId = deviceId }, deviceId, "qr", origin, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts a failed attempt (audited); the pairing is void after <see cref="MaxFailedAttempts"/>.</summary>
    private async Task RecordFailedAttemptAsync(PairingState s, string deviceId, string action, RequestOrigin origin, CancellationToken cancellationToken)
    {
        var failed = s with { FailedAttempts = s.FailedAttempts + 1 };
        if (failed.FailedAttempts >= MaxFailedAttempts)
        {
            failed = failed with { Status = PairingStatus.Rejected };
            state.StageNotification(Topic(Id));
        }
        state.State = failed;
        state.StageAudit(Audit(action, "rejected", deviceId, origin, $"pairing={Id}; attempts={failed.FailedAttempts}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SHA-256 of a QR credential, as stored; the credential itself is never stored.</summary>
    public static string HashCredential(string credential) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));

    private async Task<PairingView> PairAsync(PairingState s, string deviceId, string method, RequestOrigin origin, CancellationToken cancellationToken)
    {
        var device = await context.GrainFactory.GetGrain<IDeviceGrain>(deviceId).GetAsync(cancellationToken).ConfigureAwait(false);
        if (device is not { Active: true })
        {
            throw PushAuthException.NotFound("device.not-found", "No such active device.");
        }
        var userKey = GrainKeys.User(s.TenantId!, s.UserId!);
        // Idempotent steps, so a re-run after a conflict pairs once.
        var methodId = await context.GrainFactory.GetGrain<IUserGrain>(userKey).AddDeviceAsync(deviceId, device.DisplayName, method, origin, cancellationToken).ConfigureAwait(false);
        await context.GrainFactory.GetGrain<IDeviceGrain>(deviceId).AddPairingAsync(userKey, cancellationToken).ConfigureAwait(false);
        return await FinishAsync(s with { Status = PairingStatus.Accepted, MethodId = methodId }, method, deviceId, origin, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PairingView> FinishAsync(PairingState s, string method, string deviceId, RequestOrigin origin, CancellationToken cancellationToken)
    {
        state.State = s;
        var outcome = s.Status == PairingStatus.Accepted ? "accepted" : "rejected";
        state.StageAudit(Audit("pairing." + outcome, outcome, deviceId, origin, $"pairing={Id}; method={method}"));
        state.StageNotification(Topic(Id));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        PushAuthDiagnostics.RecordPairingCompleted(method, outcome);
        return View();
    }

    /// <summary>The state as of now: a pending pairing past its expiry reads as expired (no write needed).</summary>
    private PairingState Current()
    {
        var s = state.State;
        return s.Status is PairingStatus.AwaitingClaim or PairingStatus.AwaitingDevice && time.GetUtcNow() >= s.ExpiresAt
            ? s with { Status = PairingStatus.Expired }
            : s;
    }

    private PairingView View()
    {
        var s = Current();
        return new PairingView(Id, s.Kind, s.Status, s.UserId, s.ServiceName, s.Status == PairingStatus.Accepted ? s.DeviceId : null, s.MethodId, s.ExpiresAt);
    }

    private AuditEntry Audit(string action, string outcome, string actor, RequestOrigin origin, string? details) =>
        new(time.GetUtcNow(), state.State.TenantId ?? "_devices", state.State.UserId, actor, action, state.State.Kind, outcome,
            origin.SourceIp, origin.UserAgent, origin.TraceId, details);

    private static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
