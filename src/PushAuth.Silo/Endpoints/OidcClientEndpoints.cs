using PushAuth.Abstractions;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>A tenant's OpenID Connect clients (<c>/v1/admin/oidc-clients</c>): tenant managers only, a console admin with a
/// fresh passkey for changes. The secret is shown once, in the registration's answer.</summary>
internal static class OidcClientEndpoints
{
    public static void MapOidcClientEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        var admin = app.MapGroup("/v1/admin/oidc-clients").WithTags("OpenID Connect clients");

        admin.MapGet("", async (HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok((await grains.GetGrain<IOidcClientsGrain>(http.GetAdmin().TenantId).ListAsync(ct)).Select(OidcClientView.Of)))
            .RequireAdmin(AdminPermission.ManageTenant).Produces<OidcClientView[]>()
            .WithName("ListOidcClients").WithSummary("The tenant's OpenID Connect clients (never their secrets)");

        admin.MapPost("", async (OidcClientBody body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var issued = await grains.GetGrain<IOidcClientsGrain>(principal.TenantId).RegisterAsync(body.ToRegistration(), principal.Actor, http.Origin(), ct);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Created($"/v1/admin/oidc-clients/{issued.Client.ClientId}", new OidcClientRegistered(
                issued.Client.ClientId, issued.Client.Name, issued.Client.RedirectUris, OidcClientView.FlowNames(issued.Client.Flows), issued.Client.CreatedAt,
                issued.ClientSecret, $"{http.Request.Scheme}://{http.Request.Host}/oidc/{principal.TenantId}"));
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole)
            .WithName("RegisterOidcClient").Problems(ProblemCodes.Oidc.Flows).WithSummary("Register an OpenID Connect client: exact redirect URIs, allowed flows; the secret is shown once");

        admin.MapGet("/{clientId}", async (string clientId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Results.Ok(OidcClientView.Of(await grains.GetGrain<IOidcClientsGrain>(http.GetAdmin().TenantId).GetAsync(clientId, ct)
                ?? throw ProblemCodes.Oidc.ClientNotFound.Error("No such OpenID Connect client."))))
            .RequireAdmin(AdminPermission.ManageTenant).Produces<OidcClientView>()
            .WithName("GetOidcClient").Problems(ProblemCodes.Oidc.ClientNotFound).WithSummary("One OpenID Connect client");

        admin.MapDelete("/{clientId}", async (string clientId, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            return await grains.GetGrain<IOidcClientsGrain>(principal.TenantId).RemoveAsync(clientId, principal.Actor, http.Origin(), ct)
                ? Results.NoContent()
                : throw ProblemCodes.Oidc.ClientNotFound.Error("No such OpenID Connect client.");
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).Produces(StatusCodes.Status204NoContent)
            .WithName("RemoveOidcClient").Problems(ProblemCodes.Oidc.ClientNotFound).WithSummary("Remove an OpenID Connect client: its secret stops working at once");
    }
}

/// <summary>An admin registers an OpenID Connect client.</summary>
public sealed record OidcClientBody(
    [property: System.ComponentModel.DataAnnotations.Required] string? Name,
    string[]? RedirectUris,
    [property: System.ComponentModel.DataAnnotations.Required] OidcFlows[]? Flows)
{
    public OidcClientRegistration ToRegistration()
    {
        if (Name is null)
        {
            throw ProblemCodes.Requests.FieldMissing.For("name").Error("'name' is required.");
        }
        if (Flows is not { Length: > 0 })
        {
            throw ProblemCodes.Oidc.Flows.Error("'flows' must name AuthorizationCode, Ciba or both.");
        }
        return new OidcClientRegistration(Name, RedirectUris ?? [], Flows.Aggregate(OidcFlows.None, (all, f) => all | f)).Validated();
    }
}

/// <summary>A client as the admin API shows it: the flows as names.</summary>
public sealed record OidcClientView(string ClientId, string Name, IReadOnlyList<string> RedirectUris, string[] Flows, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static OidcClientView Of(OidcClient c) => new(c.ClientId, c.Name, c.RedirectUris, FlowNames(c.Flows), c.CreatedAt, c.CreatedBy);

    public static string[] FlowNames(OidcFlows flows) => [.. Enum.GetValues<OidcFlows>().Where(f => f != OidcFlows.None && flows.HasFlag(f)).Select(f => f.ToString())];
}

/// <summary>A registered OIDC client with its secret, shown once, and the tenant's issuer to configure it with.</summary>
public sealed record OidcClientRegistered(string ClientId, string Name, IReadOnlyList<string> RedirectUris, string[] Flows, DateTimeOffset CreatedAt,
    string ClientSecret, string Issuer);
