using PushAuth.Abstractions;
using PushAuth.Domain.Effects;
using PushAuth.Grains.Audit;
using PushAuth.Grains.Pairing;
using PushAuth.Grains.Tenants;
using PushAuth.History;
using PushAuth.Security;

namespace PushAuth.Silo.Endpoints.Identity;

/// <summary>
/// Claiming a pairing phrase, for the REST API and the hosted OIDC prompt alike. The phrase first: a valid phrase is
/// never refused for someone else's failures. The limit counts unknown phrases per tenant and client address (the
/// forwarded one behind a trusted proxy); 44 bits of phrase that live 10 minutes are what defeats guessing, the limit
/// bounds what the failures cost.
/// </summary>
internal sealed class PairingPhraseClaims(IGrainFactory grains, PairingPhraseKeys phraseKeys, ClaimRateLimiter limiter, TenantSettingsCache tenants,
    AttemptLedger attempts, TimeProvider time) : IPairingPhraseClaims
{
    public async Task<PairingView> ClaimAsync(string tenantId, string userId, string phrase, string serviceName, string actor, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        userId = Validate.Identifier(userId, "userId");
        var service = Validate.Text(serviceName, "serviceName", 100);
        if (string.IsNullOrWhiteSpace(phrase))
        {
            throw PushAuthException.Invalid("phrase.missing", "'phrase' (the words the user typed) is required.");
        }
        var limitKey = $"{tenantId}|{origin.SourceIp}";
        var pairingId = PairingPhrase.TryNormalize(phrase, out var normalized)
            ? await grains.GetGrain<IPairingPhraseGrain>(await phraseKeys.GrainKeyAsync(normalized, cancellationToken)).TakeAsync(cancellationToken)
            : null;
        if (pairingId is null)
        {
            var wait = limiter.RetryAfter(limitKey);
            limiter.Failed(limitKey);
            if (attempts.Admit(tenantId, userId, "pairing.claim", "phrase", "unknown-phrase", origin, ClaimRateLimiter.FailuresPerMinute))
            {
                await grains.GetGrain<ITenantHistoryGrain>(tenantId).AppendAsync([new HistoryEvent(EffectIds.New(), time.GetUtcNow(), tenantId, userId, actor,
                    "pairing.claim", "phrase", "unknown-phrase", origin.SourceIp, Remarks: $"service={service}", TraceId: origin.TraceId, UserAgent: origin.UserAgent)],
                    cancellationToken);
            }
            throw wait is { } retry
                ? PushAuthException.TooMany("pairing.rate-limited", "Too many unknown pairing phrases from this address; try again later.", retry)
                : PushAuthException.NotFound("pairing.unknown-phrase", "Unknown, expired or used pairing phrase.");
        }
        var tenant = await tenants.GetAsync(tenantId, cancellationToken);
        return await grains.GetGrain<IPairingGrain>(pairingId).ClaimAsync(tenantId, tenant?.DisplayName ?? tenantId, userId, service, origin, cancellationToken);
    }
}
