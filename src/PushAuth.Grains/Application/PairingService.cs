using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PushAuth.Domain.Effects;
using PushAuth.Grains.Audit;
using PushAuth.Grains.Devices;
using PushAuth.Grains.Limits;
using PushAuth.Grains.Pairing;
using PushAuth.Grains.Tenants;
using PushAuth.History;
using PushAuth.Security;

namespace PushAuth.Grains.Application;

/// <summary>Phrases, claims and QR offers (<see cref="IPairingService"/>).</summary>
internal sealed class PairingService(
    IGrainFactory grains,
    PairingPhraseKeys phraseKeys,
    ClaimRateLimiter claims,
    TenantSettingsCache tenants,
    AuditTrail audit,
    IOptions<DeviceOptions> devices,
    TimeProvider time) : IPairingService
{
    /// <summary>How long a phrase or an offer lives.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The RateLimit policy name of the phrases one device may ask for per hour.</summary>
    public const string PhrasePolicy = "pairing-phrase";

    public async Task<IssuedPairingPhrase> CreatePhraseAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        // Bounded per device, cluster-wide: a phrase costs memory for its ten minutes, and nobody but the device asked.
        var quota = devices.Value.PairingPhrasesPerHour;
        var take = await grains.GetGrain<IRateLimitGrain>("pairing-phrase-device:" + deviceId).TakeAsync(quota, TimeSpan.FromHours(1), cancellationToken);
        // The device's own budget, told only to the device (the route is device-authenticated).
        RateLimitReport.Add(new RateLimitStatus(PhrasePolicy, quota, TimeSpan.FromHours(1), take.Remaining, take.Reset));
        if (take.RetryAfter is { } wait)
        {
            throw ProblemCodes.Pairing.PhraseRateLimited.Error("This device asked for too many pairing phrases; try again later.", wait);
        }
        var pairingId = NewPairingId();
        var expiresAt = time.GetUtcNow() + Lifetime;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var phrase = PairingPhrase.Generate();
            if (await grains.GetGrain<IPairingPhraseGrain>(await phraseKeys.GrainKeyAsync(phrase, cancellationToken)).ReserveAsync(pairingId, expiresAt, cancellationToken))
            {
                var view = await grains.GetGrain<IPairingGrain>(pairingId).StartPhraseAsync(deviceId, phrase, Lifetime, cancellationToken);
                return new IssuedPairingPhrase(pairingId, phrase, view.ExpiresAt);
            }
        }
        throw ProblemCodes.Pairing.NoFreePhrase.Error("Could not draw a free pairing phrase; retry.");
    }

    public async Task<PairingView> ClaimAsync(Caller caller, string? phrase, string userId, string serviceName, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(phrase))
        {
            throw ProblemCodes.Pairing.PhraseMissing.Error("'phrase' (the words the user typed) is required.");
        }
        // The phrase first: a valid phrase is never refused for someone else's failures. The limit counts unknown
        // phrases per tenant and client address (the forwarded one behind a trusted proxy); 44 bits of phrase that
        // live 10 minutes are what defeats guessing, the limit bounds what the failures cost.
        var limitKey = $"{caller.TenantId}|{origin.SourceIp}";
        var pairingId = PairingPhrase.TryNormalize(phrase, out var normalized)
            ? await grains.GetGrain<IPairingPhraseGrain>(await phraseKeys.GrainKeyAsync(normalized, cancellationToken)).TakeAsync(cancellationToken)
            : null;
        if (pairingId is null)
        {
            var wait = claims.RetryAfter(limitKey);
            claims.Failed(limitKey);
            RateLimitReport.Add(claims.Status(ClaimRateLimiter.Policy, limitKey));
            await audit.RefusedAsync(HistoryEvents.Of(time.GetUtcNow(), caller.TenantId, userId, caller.Actor, HistoryActivities.PairingClaim, "phrase", "unknown-phrase", origin,
                remarks: $"service={serviceName}"), cancellationToken, ClaimRateLimiter.FailuresPerMinute);
            throw wait is { } retry
                ? ProblemCodes.Pairing.RateLimited.Error("Too many unknown pairing phrases from this address; try again later.", retry)
                : ProblemCodes.Pairing.UnknownPhrase.Error("Unknown, expired or used pairing phrase.");
        }
        // Keyed by the caller's tenant and address, and only failures count: a success tells what is left too.
        RateLimitReport.Add(claims.Status(ClaimRateLimiter.Policy, limitKey));
        var tenant = await tenants.GetAsync(caller.TenantId, cancellationToken);
        return await grains.GetGrain<IPairingGrain>(pairingId).ClaimAsync(caller.TenantId, tenant?.DisplayName ?? caller.TenantId, userId, serviceName, origin, cancellationToken);
    }

    public async Task<IssuedPairingOffer> CreateOfferAsync(Caller caller, string userId, string serviceName, Uri server, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        var tenant = await tenants.GetAsync(caller.TenantId, cancellationToken);
        var offerId = NewPairingId();
        var credential = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        var view = await grains.GetGrain<IPairingGrain>(offerId).StartOfferAsync(caller.TenantId, tenant?.DisplayName ?? caller.TenantId, userId, serviceName,
            PairingGrain.HashCredential(credential), Lifetime, caller.Actor, origin, cancellationToken);
        var uri = "pushauth://enroll?offer=" + Uri.EscapeDataString(offerId) + "&credential=" + Uri.EscapeDataString(credential)
            + "&server=" + Uri.EscapeDataString(server.ToString().TrimEnd('/')) + "&tenant=" + Uri.EscapeDataString(tenant?.DisplayName ?? caller.TenantId)
            + "&expires=" + view.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new IssuedPairingOffer(offerId, uri, view.ExpiresAt);
    }

    private static string NewPairingId() => "pr_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
