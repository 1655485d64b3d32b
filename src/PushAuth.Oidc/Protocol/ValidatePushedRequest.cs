using OpenIddict.Abstractions;
using OpenIddict.Server;
using PushAuth.Abstractions;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PushAuth.Oidc.Protocol;

/// <summary>
/// The pushed request (PAR, RFC 9126) carries what the browser must not change: the redirect URI, compared exactly
/// with the client's registered ones, and the user in <c>login_hint</c> (the login service checked the first factor and
/// names them). OpenIddict restores these from the request token at the authorization endpoint, so a value the browser
/// adds there is ignored.
/// </summary>
internal sealed class ValidatePushedRequest(IGrainFactory grains) : IOpenIddictServerHandler<ValidatePushedAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidatePushedAuthorizationRequestContext>()
        .UseScopedHandler<ValidatePushedRequest>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidatePushedAuthentication.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidatePushedAuthorizationRequestContext context)
    {
        var client = await OidcClientContext.FindAsync(context, grains, context.ClientId);
        if (client is null)
        {
            context.Reject(OpenIddictConstants.Errors.InvalidClient, "Unknown client for this issuer.");
            return;
        }
        if (context.Request.RedirectUri is not { } redirect || !client.RedirectUris.Contains(redirect, StringComparer.Ordinal))
        {
            context.Reject(OpenIddictConstants.Errors.InvalidRequest, "redirect_uri must be one of the client's registered redirect URIs, exactly.");
            return;
        }
        if (!context.Request.HasScope(OpenIddictConstants.Scopes.OpenId))
        {
            context.Reject(OpenIddictConstants.Errors.InvalidScope, "The openid scope is required.");
            return;
        }
        if (!IsUserId(context.Request.LoginHint))
        {
            context.Reject(OpenIddictConstants.Errors.InvalidRequest,
                "login_hint must name the user whose first factor the client checked (1..128 characters: letters, digits, and . _ @ + -).");
            return;
        }
        context.SetRedirectUri(redirect);
    }

    /// <summary>The REST API's user-id rule (<see cref="Validate.Identifier"/>), without throwing.</summary>
    public static bool IsUserId(string? value)
    {
        try
        {
            Validate.Identifier(value, "login_hint");
            return true;
        }
        catch (PushAuthException)
        {
            return false;
        }
    }
}
