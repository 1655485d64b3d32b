using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PushAuth.Abstractions;
using PushAuth.Grains.Challenges;
using PushAuth.Grains.Devices;
using PushAuth.Grains.Pairing;
using PushAuth.Grains.Security;
using PushAuth.Grains.Tenants;
using PushAuth.Grains.Users;
using PushAuth.Hosting;

namespace PushAuth.Grains;

/// <summary>Tenants, API keys, devices, users, pairing and TOTP grains.</summary>
public static class IdentityGrainsServiceCollectionExtensions
{
    public static IServiceCollection AddIdentityGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection("Security")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.TryAddSingleton<KeyMaterial>();
        services.TryAddSingleton<TenantSettingsCache>();
        services.TryAddSingleton<DeviceKeyCache>();
        services.AddGrain<ITenantGrain, TenantGrain>();
        services.AddGrain<IApiKeyGrain, ApiKeyGrain>();
        services.AddGrain<ISystemKeysGrain, SystemKeysGrain>();
        services.AddGrain<IDeviceGrain, DeviceGrain>();
        services.AddGrain<IUserGrain, UserGrain>();
        services.AddGrain<IPairingGrain, PairingGrain>();
        services.AddGrain<IPairingPhraseGrain, PairingPhraseGrain>();
        return services;
    }
}
