using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PushAuth.Grains;

/// <summary>Registers every grain of the push-MFA domain.</summary>
public static class GrainsServiceCollectionExtensions
{
    public static IServiceCollection AddPushAuthGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityGrains(configuration);
        services.AddApprovalGrains(configuration);
        return services;
    }
}
