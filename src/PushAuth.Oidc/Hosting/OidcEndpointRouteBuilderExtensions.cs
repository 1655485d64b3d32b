using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PushAuth.Oidc.Endpoints;

namespace PushAuth.Oidc.Hosting;

/// <summary>Wires the provider into the silo: the tenant issuer middleware with OpenIddict behind it, and the endpoints
/// OpenIddict passes requests through to.</summary>
public static class OidcEndpointRouteBuilderExtensions
{
    /// <summary>Under <c>/oidc/{tenantId}</c> only: the tenant becomes the issuer, then OpenIddict's handler (authentication
    /// middleware) answers discovery, JWKS, PAR and the token endpoint's validation itself.</summary>
    public static IApplicationBuilder UsePushAuthOidc(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(OidcTenantMiddleware.Prefix), branch =>
        {
            branch.UseMiddleware<OidcTenantMiddleware>();
            branch.UseAuthentication();
        });

    public static IEndpointRouteBuilder MapPushAuthOidc(this IEndpointRouteBuilder endpoints)
    {
        var oidc = endpoints.MapGroup(OidcTenantMiddleware.Prefix + "/{tenantId}").ExcludeFromDescription();
        oidc.MapMethods("/" + OidcRoutes.Authorization, [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.HandleAsync).DisableAntiforgery();
        oidc.MapPost("/" + OidcRoutes.Token, TokenEndpoint.HandleAsync).DisableAntiforgery();
        oidc.MapPost("/" + OidcRoutes.Backchannel, BackchannelEndpoint.HandleAsync).DisableAntiforgery();
        PromptEndpoints.Map(oidc);
        return endpoints;
    }
}
