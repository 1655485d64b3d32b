using Microsoft.AspNetCore.Http;
using PushAuth.Abstractions;

namespace PushAuth.Oidc.Hosting;

/// <summary>The tenant whose issuer a request reached (<c>/oidc/{tenantId}/…</c>), set by <see cref="OidcTenantMiddleware"/>.</summary>
public sealed record OidcTenant(string TenantId, TenantSettings Settings)
{
    private const string Item = "pushauth.oidc.tenant";

    public static OidcTenant From(HttpContext http) =>
        http.Items[Item] as OidcTenant ?? throw new InvalidOperationException("The request did not pass OidcTenantMiddleware.");

    internal void Attach(HttpContext http) => http.Items[Item] = this;
}
