using System.Buffers.Text;
using System.Security.Cryptography;
using PushAuth.Domain.Effects;
using PushAuth.History;

namespace PushAuth.Domain.Pairing;

/// <summary>
/// The pairing's rules, pure: which step a pairing may take in which status, what each step owes, when failed attempts
/// void it. The grain checks signatures and credentials, calls the device and user grains, and saves what this decides.
/// </summary>
/// <param name="pairingId">The pairing's key, which its pushes and history events name.</param>
public sealed class PairingDecider(string pairingId, TimeProvider time)
{
    /// <summary>Wrong QR credentials, or wrongly signed confirmations, tolerated before the pairing is void.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>The state as of now: a pending pairing past its expiry reads as expired (no write needed).</summary>
    public PairingState Current(PairingState s) =>
        s.Status is PairingStatus.AwaitingClaim or PairingStatus.AwaitingDevice && time.GetUtcNow() >= s.ExpiresAt
            ? s with { Status = PairingStatus.Expired }
            : s;

    /// <summary>A device starts a phrase pairing (kept unsaved until claimed).</summary>
    public PairingState StartPhrase(PairingState s, string deviceId, TimeSpan lifetime)
    {
        EnsureFree(s);
        return new PairingState { Kind = "phrase", Status = PairingStatus.AwaitingClaim, DeviceId = deviceId, Nonce = NewNonce(), ExpiresAt = time.GetUtcNow() + lifetime };
    }

    /// <summary>A login service claims the phrase for its user: the pairing is bound now, and the device is asked by push.</summary>
    public PairingState Claim(PairingState s, string tenantId, string tenantName, string userId, string serviceName, RequestOrigin origin, string? traceContext)
    {
        s = Current(s);
        if (s.Kind != "phrase" || s.Status == PairingStatus.None)
        {
            throw ProblemCodes.Pairing.UnknownPhrase.Error("Unknown, expired or used pairing phrase.");
        }
        if (s.Status != PairingStatus.AwaitingClaim)
        {
            throw ProblemCodes.Pairing.PhraseUsed.Error("Unknown, expired or used pairing phrase.");
        }
        var claimed = s with { Status = PairingStatus.AwaitingDevice, TenantId = tenantId, TenantName = tenantName, UserId = userId, ServiceName = serviceName, BoundAt = time.GetUtcNow() };
        return claimed with
        {
            Owed = s.Owed.Plus(OwedEffects.Of(new OwedPush(EffectIds.New(), new PushRequest("pairing", s.DeviceId!, pairingId, s.Nonce, s.ExpiresAt, pairingId), traceContext)))
                .Plus(History(claimed, HistoryActivities.PairingClaimed, "claimed", s.DeviceId!, origin, $"service={serviceName}")),
        };
    }

    /// <summary>A login service or an admin offers a QR pairing; only the credential's hash is kept.</summary>
    public PairingState StartOffer(PairingState s, string tenantId, string tenantName, string userId, string serviceName, string credentialHash, TimeSpan lifetime,
        string actor, RequestOrigin origin)
    {
        EnsureFree(s);
        var now = time.GetUtcNow();
        var offer = new PairingState
        {
            Kind = "offer", Status = PairingStatus.AwaitingDevice, TenantId = tenantId, TenantName = tenantName, UserId = userId, ServiceName = serviceName,
            CredentialHash = credentialHash, Nonce = NewNonce(), ExpiresAt = now + lifetime, BoundAt = now,
        };
        return offer with { Owed = History(offer, HistoryActivities.PairingOfferCreated, "created", actor, origin, $"service={serviceName}") };
    }

    /// <summary>What a device's confirmation of a phrase pairing must meet before its signature is checked.</summary>
    public void EnsureConfirmable(PairingState s, string deviceId, string decision)
    {
        s = Current(s);
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
    }

    /// <summary>What an offer must be before its credential is checked.</summary>
    public void EnsureCompletable(PairingState s)
    {
        s = Current(s);
        if (s.Kind != "offer")
        {
            throw ProblemCodes.Pairing.OfferNotFound.Error("Unknown, expired or used offer.");
        }
        if (s.Status != PairingStatus.AwaitingDevice)
        {
            throw ProblemCodes.Pairing.OfferUsed.Error("Unknown, expired or used offer.");
        }
    }

    /// <summary>A wrong credential or signature: counted and audited; the pairing is void after <see cref="MaxFailedAttempts"/>.</summary>
    public PairingState FailedAttempt(PairingState s, string deviceId, string activity, RequestOrigin origin)
    {
        var failed = s with { FailedAttempts = s.FailedAttempts + 1 };
        if (failed.FailedAttempts >= MaxFailedAttempts)
        {
            failed = failed with { Status = PairingStatus.Rejected };
        }
        return failed with { Owed = s.Owed.Plus(History(failed, activity, "rejected", deviceId, origin, $"attempts={failed.FailedAttempts}")) };
    }

    /// <summary>The pairing ends, accepted or rejected, and owes its history event; the outcome is returned for the metric.</summary>
    public (PairingState State, string Outcome) Finished(PairingState s, string method, string deviceId, RequestOrigin origin)
    {
        var outcome = s.Status == PairingStatus.Accepted ? "accepted" : "rejected";
        return (s with { Owed = s.Owed.Plus(History(s, "pairing." + outcome, outcome, deviceId, origin, $"method={method}")) }, outcome);
    }

    /// <summary>A pairing id is used once.</summary>
    private static void EnsureFree(PairingState s)
    {
        if (s.Status != PairingStatus.None)
        {
            throw ProblemCodes.Pairing.Exists.Error("This pairing id is taken.");
        }
    }

    private OwedEffects History(PairingState s, string activity, string status, string actor, RequestOrigin origin, string? remarks) =>
        OwedEffects.Of(HistoryEvents.Of(time.GetUtcNow(), s.TenantId ?? HistoryTenants.Devices, s.UserId, actor, activity, s.Kind, status, origin,
            deviceId: s.DeviceId, remarks: remarks, correlationId: pairingId));

    private static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
