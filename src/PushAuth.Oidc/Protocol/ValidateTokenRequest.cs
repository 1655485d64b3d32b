using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PushAuth.Oidc.Protocol;

/// <summary>Degraded mode asks for a handler of its own at the token endpoint: the client was authenticated by
/// <see cref="AuthenticateClient"/>, and the code's presenter, redirect URI and PKCE verifier are OpenIddict's checks,
/// so nothing is left to refuse here.</summary>
internal sealed class ValidateTokenRequest : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseSingletonHandler<ValidateTokenRequest>()
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context) => ValueTask.CompletedTask;
}
