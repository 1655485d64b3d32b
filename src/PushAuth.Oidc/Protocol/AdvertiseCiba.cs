using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PushAuth.Oidc.Protocol;

/// <summary>Adds CIBA's discovery metadata (CIBA Core 1.0 §4) beside OpenIddict's own.</summary>
internal sealed class AdvertiseCiba : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<AdvertiseCiba>()
        .SetOrder(OpenIddictServerHandlers.Discovery.AttachIssuer.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        if (context.Issuer is { } issuer)
        {
            context.Metadata["backchannel_authentication_endpoint"] = issuer.AbsoluteUri.TrimEnd('/') + "/" + OidcRoutes.Backchannel;
        }
        context.Metadata["backchannel_token_delivery_modes_supported"] = new OpenIddict.Abstractions.OpenIddictParameter(["poll"]);
        context.Metadata["backchannel_user_code_parameter_supported"] = false;
        context.Metadata["acr_values_supported"] = new OpenIddict.Abstractions.OpenIddictParameter(
            [Prompt.SecondFactor.AcrPushNumberMatch, Prompt.SecondFactor.AcrPush, Prompt.SecondFactor.AcrOtp, Prompt.SecondFactor.AcrTemporaryCode,
            Prompt.SecondFactor.AcrAutoApprove]);
        context.Metadata["claims_supported"] = new OpenIddict.Abstractions.OpenIddictParameter(["sub", "amr", "acr", "auth_time", OidcClaims.ChallengeId]);
        return ValueTask.CompletedTask;
    }
}
