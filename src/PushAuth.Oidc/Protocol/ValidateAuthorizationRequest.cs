using OpenIddict.Abstractions;
using OpenIddict.Server;
using PushAuth.Abstractions;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PushAuth.Oidc.Protocol;

/// <summary>At the authorization endpoint (after OpenIddict restored the pushed request): the client is still one of this
/// tenant's, allowed the code flow, and the redirect URI still registered (it may have been removed since the push).</summary>
internal sealed class ValidateAuthorizationRequest(IGrainFactory grains) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseScopedHandler<ValidateAuthorizationRequest>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidateRedirectUriParameter.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var client = await OidcClientContext.FindAsync(context, grains, context.ClientId);
        if (client is null || !client.Flows.HasFlag(OidcFlows.AuthorizationCode))
        {
            context.Reject(OpenIddictConstants.Errors.InvalidClient, "Unknown client for this issuer, or not allowed the code flow.");
            return;
        }
        if (context.RedirectUri is not { } redirect || !client.RedirectUris.Contains(redirect, StringComparer.Ordinal))
        {
            context.Reject(OpenIddictConstants.Errors.InvalidRequest, "redirect_uri must be one of the client's registered redirect URIs, exactly.");
            return;
        }
        OidcClientContext.Http(context).Items[typeof(OidcClient)] = client;
    }
}
