using PushAuth.Abstractions;

namespace PushAuth.Oidc;

/// <summary>The stored state of a prompt or CIBA request: it lives until the request can no longer be used, then a
/// reminder clears it, so finished sign-ins leave no rows behind.</summary>
public sealed record AuthenticationState
{
    public string? TenantId { get; init; }

    public OidcAuthentication? Authentication { get; init; }
}
