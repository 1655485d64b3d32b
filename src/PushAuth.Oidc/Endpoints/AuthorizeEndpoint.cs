using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using PushAuth.Abstractions;
using PushAuth.Oidc.Hosting;
using PushAuth.Oidc.Prompt;

namespace PushAuth.Oidc.Endpoints;

/// <summary>
/// The authorization endpoint, after OpenIddict validated it (PAR required: the request is the pushed one, restored from
/// its request_uri). A GET opens the prompt for the pushed user and shows the page; the page's final POST completes it:
/// approved → a code, denied or expired → <c>access_denied</c>, a fraud report → <c>fraud_reported</c>. Each request_uri
/// completes once.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, IGrainFactory grains, IOptions<OidcOptions> options, TimeProvider time, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not pass the request on.");
        var tenant = OidcTenant.From(http);
        var client = (OidcClient)http.Items[typeof(OidcClient)]!;
        var handle = OidcKeys.PromptHandle(request.RequestUri!);
        var prompt = grains.GetGrain<IOidcPromptGrain>(OidcKeys.Prompt(tenant.TenantId, handle));
        var completing = HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
            && (await http.Request.ReadFormAsync(ct))["action"] == "complete";

        var opened = await prompt.OpenAsync(tenant.TenantId, client.ClientId, request.LoginHint!, time.GetUtcNow() + options.Value.PromptLifetime, ct);
        if (opened.Status == OidcAuthenticationStatus.Completed)
        {
            return OidcResults.Error(OpenIddictConstants.Errors.InvalidRequest, "This sign-in request was already used; start a new sign-in.");
        }
        if (!completing)
        {
            var check = await grains.GetGrain<IUserGrain>(GrainKeys.User(tenant.TenantId, opened.UserId)).PreCheckAsync(tenant.TenantId, "oidc:" + client.ClientId, ct);
            return PromptPage.Render(http, tenant, client, handle, request.RequestUri!, opened, check);
        }
        var outcome = await prompt.CompleteAsync(ct) ?? opened;
        return outcome.Status switch
        {
            OidcAuthenticationStatus.Approved => OidcResults.SignIn(outcome, request.GetScopes(), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))),
            OidcAuthenticationStatus.Denied or OidcAuthenticationStatus.FraudReported or OidcAuthenticationStatus.Expired => OidcResults.Refusal(outcome),
            // Not answered yet: the page again.
            _ => PromptPage.Render(http, tenant, client, handle, request.RequestUri!, outcome,
                await grains.GetGrain<IUserGrain>(GrainKeys.User(tenant.TenantId, outcome.UserId)).PreCheckAsync(tenant.TenantId, "oidc:" + client.ClientId, ct)),
        };
    }
}
