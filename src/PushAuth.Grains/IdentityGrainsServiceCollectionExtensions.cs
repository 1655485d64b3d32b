using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PushAuth.Grains;

/// <summary>Tenants, API keys, devices, users, pairing and TOTP grains.</summary>
public static class IdentityGrainsServiceCollectionExtensions
{
    public static IServiceCollection AddIdentityGrains(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
