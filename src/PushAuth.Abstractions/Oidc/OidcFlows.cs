namespace PushAuth.Abstractions;

/// <summary>What an OpenID Connect client of a tenant may use.</summary>
[Flags]
public enum OidcFlows
{
    None = 0,

    /// <summary>The hosted prompt: authorization code with PKCE, pushed by PAR.</summary>
    AuthorizationCode = 1,

    /// <summary>Client-initiated backchannel authentication (CIBA), poll mode.</summary>
    Ciba = 2,
}
