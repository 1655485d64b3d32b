namespace PushAuth.Abstractions;

/// <summary>
/// Claiming a pairing phrase for a user, as <c>POST /v1/pairings</c> does (the phrase's lookup, the per-address limit on
/// unknown phrases and their audit, the claim): one door for the REST API and the hosted OIDC prompt. Implemented by the silo.
/// </summary>
public interface IPairingPhraseClaims
{
    /// <summary>Claims <paramref name="phrase"/> for <paramref name="userId"/>; the device is asked to confirm. 404
    /// <c>pairing.unknown-phrase</c>, 429 <c>pairing.rate-limited</c>.</summary>
    Task<PairingView> ClaimAsync(string tenantId, string userId, string phrase, string serviceName, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);
}
