namespace PushAuth.Oidc;

/// <summary>The provider's addresses, relative to a tenant's issuer (<c>/oidc/{tenantId}/</c>).</summary>
public static class OidcRoutes
{
    public const string Authorization = "authorize";
    public const string Token = "token";
    public const string PushedAuthorization = "par";
    public const string Backchannel = "bc-authorize";
    public const string Configuration = ".well-known/openid-configuration";
    public const string Jwks = ".well-known/jwks";
    public const string Prompt = "prompt";
}
