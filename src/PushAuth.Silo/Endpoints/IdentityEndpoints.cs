namespace PushAuth.Silo.Endpoints;

/// <summary>Tenants, devices, pairing, verification methods and TOTP endpoints.</summary>
internal static class IdentityEndpoints
{
    public static void MapIdentityEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
    }
}
