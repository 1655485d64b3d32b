using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using PushAuth.Abstractions;
using PushAuth.Oidc.Hosting;
using PushAuth.Oidc.Protocol;

namespace PushAuth.Oidc.Endpoints;

/// <summary>
/// The token endpoint, after OpenIddict authenticated the client and (for a code) checked the code, its presenter, its
/// redirect URI and the PKCE verifier. A code is then used once (degraded mode keeps no token table: the single use is a
/// grain's). CIBA's grant is ours: OpenIddict has no CIBA, so the poll answers are mapped here (CIBA Core 1.0 §11).
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not pass the request on.");
        var tenant = OidcTenant.From(http);
        var client = (OidcClient)http.Items[typeof(OidcClient)]!;
        if (request.IsAuthorizationCodeGrantType())
        {
            var code = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var codeId = code?.GetClaim(OidcClaims.CodeId);
            if (code is null || codeId is null)
            {
                return OidcResults.Error(OpenIddictConstants.Errors.InvalidGrant, "The authorization code is not valid.");
            }
            var expires = code.GetExpirationDate() ?? time.GetUtcNow().AddMinutes(10);
            if (!await grains.GetGrain<IOidcSingleUseGrain>(OidcKeys.SingleUse(tenant.TenantId, codeId)).TryUseAsync(expires, ct))
            {
                return OidcResults.Error(OpenIddictConstants.Errors.InvalidGrant, "The authorization code was already used.");
            }
            var approved = new OidcAuthentication(client.ClientId, code.GetClaim(OpenIddictConstants.Claims.Subject)!, OidcAuthenticationStatus.Approved, expires,
                ChallengeId: code.GetClaim(OidcClaims.ChallengeId), Amr: AmrOf(code), AuthTime: AuthTimeOf(code),
                Method: code.GetClaim(OpenIddictConstants.Claims.AuthenticationContextReference) switch
                {
                    Prompt.SecondFactor.AcrOtp => "totp",
                    Prompt.SecondFactor.AcrTemporaryCode => "temporary-code",
                    _ => "push",
                });
            return OidcResults.SignIn(approved, code.GetScopes());
        }
        if (request.GrantType == CibaGrant.GrantType)
        {
            if (request[CibaGrant.AuthRequestId]?.ToString() is not { Length: > 0 and <= 100 } authRequestId)
            {
                return OidcResults.Error(OpenIddictConstants.Errors.InvalidRequest, "auth_req_id is required.");
            }
            var poll = await grains.GetGrain<ICibaRequestGrain>(OidcKeys.Ciba(tenant.TenantId, authRequestId)).PollAsync(client.ClientId, ct);
            return poll.Result switch
            {
                CibaPollResult.Approved => OidcResults.SignIn(poll.Request!, poll.Request!.Scopes ?? ["openid"]),
                CibaPollResult.Pending => OidcResults.Error(OpenIddictConstants.Errors.AuthorizationPending, "The user has not answered yet."),
                CibaPollResult.SlowDown => OidcResults.Error(CibaGrant.SlowDown, $"Polling too fast: wait at least {poll.Request!.Interval} seconds between requests."),
                CibaPollResult.Denied or CibaPollResult.FraudReported => OidcResults.Refusal(poll.Request!),
                CibaPollResult.Expired => OidcResults.Error(CibaGrant.ExpiredToken, poll.Request?.Detail ?? "The authentication request expired."),
                _ => OidcResults.Error(OpenIddictConstants.Errors.InvalidGrant, "Unknown, expired or already redeemed auth_req_id for this client."),
            };
        }
        return OidcResults.Error(OpenIddictConstants.Errors.UnsupportedGrantType, "Only the authorization code and CIBA grants are supported.");
    }

    private static IReadOnlyList<string> AmrOf(System.Security.Claims.ClaimsPrincipal code) =>
        code.GetClaims(OpenIddictConstants.Claims.AuthenticationMethodReference) is { IsDefaultOrEmpty: false } values ? [.. values] : [];

    private static DateTimeOffset? AuthTimeOf(System.Security.Claims.ClaimsPrincipal code) =>
        long.TryParse(code.GetClaim(OpenIddictConstants.Claims.AuthenticationTime), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
