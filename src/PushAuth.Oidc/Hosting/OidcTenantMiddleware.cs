using Microsoft.AspNetCore.Http;
using PushAuth.Abstractions;

namespace PushAuth.Oidc.Hosting;

/// <summary>
/// Gives each tenant its own issuer: <c>/oidc/{tenantId}</c> moves into the request's PathBase for the rest of the
/// request, and OpenIddict (which takes the issuer from the base URI when none is set) then answers as
/// <c>https://host/oidc/{tenantId}/</c>: discovery, keys and endpoints per tenant, and a token minted under one tenant's
/// issuer fails issuer validation under another's. An unknown tenant is 404 before OpenIddict sees the request.
/// </summary>
public sealed class OidcTenantMiddleware(RequestDelegate next, IGrainFactory grains)
{
    public const string Prefix = "/oidc";

    public async Task InvokeAsync(HttpContext http)
    {
        var rest = (http.Request.Path.Value ?? "")[Prefix.Length..].TrimStart('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var tenantId = slash < 0 ? rest : rest[..slash];
        var settings = IsTenantId(tenantId) ? await grains.GetGrain<ITenantGrain>(tenantId).GetSettingsAsync(http.RequestAborted) : null;
        if (settings is null)
        {
            throw ProblemCodes.Oidc.UnknownIssuer.Error("No OpenID Provider at this address.");
        }
        new OidcTenant(tenantId, settings).Attach(http);
        var (pathBase, path) = (http.Request.PathBase, http.Request.Path);
        http.Request.PathBase = pathBase.Add(Prefix + "/" + tenantId);
        http.Request.Path = slash < 0 ? PathString.Empty : new PathString(rest[slash..]);
        try
        {
            await next(http);
        }
        finally
        {
            (http.Request.PathBase, http.Request.Path) = (pathBase, path);
        }
    }

    // Tenant ids as the tenant grain knows them: short, URL-safe; anything else never reaches a grain.
    private static bool IsTenantId(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
