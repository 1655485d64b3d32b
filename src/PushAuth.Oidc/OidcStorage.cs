namespace PushAuth.Oidc;

/// <summary>The grain storage the provider's grains use: the silo's one store (PushAuth.Grains' default name), so OIDC
/// state lives and is backed up with the rest of the tenant's state.</summary>
internal static class OidcStorage
{
    public const string Name = "pushauth";
}
