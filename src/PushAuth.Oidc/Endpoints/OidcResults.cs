using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using PushAuth.Abstractions;
using PushAuth.Oidc.Prompt;
using PushAuth.Oidc.Protocol;

namespace PushAuth.Oidc.Endpoints;

/// <summary>OpenIddict's sign-in and refusals, shaped the same for the prompt and CIBA.</summary>
internal static class OidcResults
{
    /// <summary>An error OpenIddict returns the OAuth way (a redirect with <c>error</c> at the authorization endpoint, a 400
    /// JSON body at the token endpoint).</summary>
    public static IResult Error(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>The refusal a finished, unsuccessful authentication gets: a fraud report is its own error.</summary>
    public static IResult Refusal(OidcAuthentication a) => a.Status == OidcAuthenticationStatus.FraudReported
        ? Error(CibaGrant.FraudReported, a.Detail ?? "The user reported this sign-in as not theirs.")
        : Error(OpenIddictConstants.Errors.AccessDenied, a.Detail ?? "The sign-in was not approved.");

    /// <summary>Signs in the approved user: the ID token carries sub, amr, acr, auth_time and the challenge id.</summary>
    public static IResult SignIn(OidcAuthentication approved, IEnumerable<string> scopes, string? codeId = null)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, OpenIddictConstants.Claims.Subject, null);
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.Subject, approved.UserId));
        // One claim holding a JSON array: amr is an array in the ID token even with one value (OIDC Core §2).
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.AuthenticationMethodReference,
            System.Text.Json.JsonSerializer.Serialize(approved.Amr ?? []), "JSON_ARRAY"));
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.AuthenticationContextReference, SecondFactor.Acr(approved)));
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.AuthenticationTime,
            (approved.AuthTime ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        if (approved.ChallengeId is { } challengeId)
        {
            identity.AddClaim(new Claim(OidcClaims.ChallengeId, challengeId));
        }
        if (codeId is not null)
        {
            identity.AddClaim(new Claim(OidcClaims.CodeId, codeId));
        }
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetDestinations(claim => claim.Type switch
        {
            OidcClaims.CodeId => [],
            _ => [OpenIddictConstants.Destinations.IdentityToken, OpenIddictConstants.Destinations.AccessToken],
        });
        return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
