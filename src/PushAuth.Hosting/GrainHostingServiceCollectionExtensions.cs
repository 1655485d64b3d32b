using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PushAuth.Hosting;

/// <summary>Registers the grain runtime. A storage provider (<c>IGrainStorage</c>) is registered separately.</summary>
public static class GrainHostingServiceCollectionExtensions
{
    public static IServiceCollection AddGrainHosting(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<GrainHostingOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainHostingOptions>, GrainHostingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(BuildRegistry);
        services.TryAddSingleton<SiloReadiness>();
        services.TryAddSingleton<LocalNotificationBus>();
        services.TryAddSingleton<INotificationBus>(sp => sp.GetRequiredService<LocalNotificationBus>());
        services.TryAddSingleton<GrainWriteContext>();
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton<OutboxDispatcher>();
        services.TryAddSingleton<ReminderService>();
        // Order matters: storage first, then the loops that need it.
        services.AddHostedService<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        return services;
    }

    /// <summary>Registers a grain class for its interface.</summary>
    public static IServiceCollection AddGrain<TInterface, TImplementation>(this IServiceCollection services)
        where TInterface : IGrainWithStringKey
        where TImplementation : class, TInterface
    {
        services.AddSingleton(new GrainRegistrationAction(r => r.Register<TInterface, TImplementation>()));
        services.TryAddSingleton(BuildRegistry);
        return services;
    }

    private static GrainRegistry BuildRegistry(IServiceProvider services)
    {
        var registry = new GrainRegistry();
        foreach (var action in services.GetServices<GrainRegistrationAction>())
        {
            action.Apply(registry);
        }
        return registry;
    }
}

/// <summary>A deferred grain registration collected from DI.</summary>
public sealed record GrainRegistrationAction(Action<GrainRegistry> Apply);
