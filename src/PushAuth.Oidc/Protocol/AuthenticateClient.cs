using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using PushAuth.Abstractions;
using PushAuth.Oidc.Hosting;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PushAuth.Oidc.Protocol;

/// <summary>
/// Client authentication at the pushed-request and token endpoints (degraded mode leaves it to us): a client of this
/// tenant, its secret (client_secret_basic or client_secret_post; constant-time against the stored hash), and a flow
/// it is allowed. Every client is confidential: a request without a secret is refused.
/// </summary>
internal sealed class AuthenticateClient(IGrainFactory grains) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .UseScopedHandler<AuthenticateClient>()
        .SetOrder(OpenIddictServerHandlers.ValidateClientSecret.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType is not (OpenIddictServerEndpointType.PushedAuthorization or OpenIddictServerEndpointType.Token))
        {
            return;
        }
        if (context.ClientId is not { Length: > 0 and <= 64 } clientId || context.ClientSecret is not { Length: > 0 and <= 200 } secret)
        {
            context.Reject(OpenIddictConstants.Errors.InvalidClient, "Client authentication is required (client_secret_basic or client_secret_post).");
            return;
        }
        var http = OidcClientContext.Http(context);
        var client = await grains.GetGrain<IOidcClientsGrain>(OidcTenant.From(http).TenantId).AuthenticateAsync(clientId, secret, http.RequestAborted);
        if (client is null)
        {
            context.Reject(OpenIddictConstants.Errors.InvalidClient, "Unknown client or wrong secret for this issuer.");
            return;
        }
        var flow = context.EndpointType == OpenIddictServerEndpointType.PushedAuthorization || context.Request.IsAuthorizationCodeGrantType()
            ? OidcFlows.AuthorizationCode
            : context.Request.GrantType == CibaGrant.GrantType ? OidcFlows.Ciba : OidcFlows.None;
        if (flow == OidcFlows.None || !client.Flows.HasFlag(flow))
        {
            context.Reject(OpenIddictConstants.Errors.UnauthorizedClient, $"This client is not allowed the {(flow == OidcFlows.None ? context.Request.GrantType : flow)} flow.");
            return;
        }
        http.Items[typeof(OidcClient)] = client;
    }
}
