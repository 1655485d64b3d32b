using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server;
using PushAuth.Abstractions;
using PushAuth.Oidc.Hosting;

namespace PushAuth.Oidc.Protocol;

/// <summary>Reading the tenant and its client inside OpenIddict's handlers (degraded mode: our grains are the store).</summary>
internal static class OidcClientContext
{
    public static HttpContext Http(OpenIddictServerEvents.BaseContext context) =>
        context.Transaction.GetHttpRequest()?.HttpContext ?? throw new InvalidOperationException("The OpenID Provider runs inside ASP.NET Core only.");

    public static async Task<OidcClient?> FindAsync(OpenIddictServerEvents.BaseContext context, IGrainFactory grains, string? clientId)
    {
        if (clientId is not { Length: > 0 and <= 64 })
        {
            return null;
        }
        var http = Http(context);
        return await grains.GetGrain<IOidcClientsGrain>(OidcTenant.From(http).TenantId).GetAsync(clientId, http.RequestAborted);
    }
}
