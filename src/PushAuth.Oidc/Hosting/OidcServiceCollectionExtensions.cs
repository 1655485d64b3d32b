using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using PushAuth.Oidc.Keys;
using PushAuth.Oidc.Protocol;

namespace PushAuth.Oidc.Hosting;

/// <summary>Registers the OpenID Provider: OpenIddict's server in degraded mode (our grains hold the clients and the
/// single use of codes and prompts), PAR and PKCE required, the code flow and CIBA's grant.</summary>
public static class OidcServiceCollectionExtensions
{
    public static IServiceCollection AddPushAuthOidc(this IServiceCollection services, IConfigurationSection section, IHostEnvironment environment)
    {
        services.AddOptions<OidcOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        var options = section.Get<OidcOptions>() ?? new OidcOptions();

        // OpenIddict logs whole requests and responses at Information and below (codes, request URIs, tokens): never
        // a secret in a log, so only its warnings and errors pass.
        services.AddLogging(logging => logging.AddFilter("OpenIddict", LogLevel.Warning));
        services.AddAuthentication();
        services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris(OidcRoutes.Authorization)
                .SetTokenEndpointUris(OidcRoutes.Token)
                .SetPushedAuthorizationEndpointUris(OidcRoutes.PushedAuthorization)
                .SetConfigurationEndpointUris(OidcRoutes.Configuration)
                .SetJsonWebKeySetEndpointUris(OidcRoutes.Jwks);
            server.AllowAuthorizationCodeFlow().AllowCustomFlow(CibaGrant.GrantType);
            server.RequireProofKeyForCodeExchange().RequirePushedAuthorizationRequests();
            // S256 only (RFC 9700 §2.1.1): the code flow allows "plain" too, whose challenge is the verifier itself.
            server.Configure(o => o.CodeChallengeMethods.Remove(OpenIddict.Abstractions.OpenIddictConstants.CodeChallengeMethods.Plain));
            // Clients authenticate with their secret only (AuthenticateClient): discovery must not offer private_key_jwt.
            server.Configure(o => o.ClientAuthenticationMethods.Remove(OpenIddict.Abstractions.OpenIddictConstants.ClientAuthenticationMethods.PrivateKeyJwt));
            server.RegisterScopes("openid", "profile");
            server.EnableDegradedMode();
            server.SetAuthorizationCodeLifetime(options.CodeLifetime)
                .SetIdentityTokenLifetime(options.TokenLifetime)
                .SetAccessTokenLifetime(options.TokenLifetime)
                .Configure(o => o.RequestTokenLifetime = options.PromptLifetime);

            if (options.SigningKeys is { Length: > 0 } signing)
            {
                server.AddSigningKeys(OidcKeyRing.SigningKeys(signing, options.ActiveSigningKeyId));
            }
            else if (environment.IsDevelopment())
            {
                // Development only (the validator refuses elsewhere): per process, so tokens do not outlive a restart.
                server.AddEphemeralSigningKey();
            }
            if (options.EncryptionKeys is { Length: > 0 } encryption)
            {
                server.AddEncryptionKeys(OidcKeyRing.EncryptionKeys(encryption, options.ActiveEncryptionKeyId));
            }
            else if (environment.IsDevelopment())
            {
                server.AddEphemeralEncryptionKey();
            }

            server.AddEventHandler(AuthenticateClient.Descriptor)
                .AddEventHandler(ValidatePushedRequest.Descriptor)
                .AddEventHandler(ValidateAuthorizationRequest.Descriptor)
                .AddEventHandler(ValidateTokenRequest.Descriptor)
                .AddEventHandler(AdvertiseCiba.Descriptor);

            var aspNetCore = server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough();
            if (options.AllowHttp)
            {
                aspNetCore.DisableTransportSecurityRequirement();
            }
        });
        return services;
    }
}
