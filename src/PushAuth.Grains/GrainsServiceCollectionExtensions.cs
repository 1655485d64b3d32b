using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Storage;
using PushAuth.Messaging;
using PushAuth.Domain.Challenges;
using PushAuth.Grains.Application;
using PushAuth.Grains.Audit;
using PushAuth.Grains.Backup;
using PushAuth.Grains.Devices;
using PushAuth.Grains.Limits;
using PushAuth.Grains.Effects;
using PushAuth.Grains.History;
using PushAuth.Grains.Placement;
using PushAuth.Grains.Security;
using PushAuth.Grains.Storage;
using PushAuth.Grains.Tenants;

namespace PushAuth.Grains;

/// <summary>The grains in a silo, and the application services hosts call (the interfaces are in PushAuth.Abstractions):
/// options, per-silo caches, key material, effect delivery, the gateway placement filter and the grain-state serializer.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>Wraps Orleans' <see cref="IGrainFactory"/> (registered by <c>UseOrleans</c>, which must come first) in
    /// <see cref="PushAuth.Grains.Caching.CachingGrainFactory"/>, for grains and hosts alike.</summary>
    private static void AddCachingGrainFactory(IServiceCollection services)
    {
        var orleans = services.LastOrDefault(d => d.ServiceType == typeof(IGrainFactory) && !d.IsKeyedService);
        if (orleans?.ImplementationFactory is not { } create)
        {
            throw new InvalidOperationException("AddPushAuthGrains must be called after UseOrleans: it wraps Orleans' grain factory.");
        }
        services.Replace(ServiceDescriptor.Singleton<IGrainFactory>(sp => new PushAuth.Grains.Caching.CachingGrainFactory((IGrainFactory)create(sp),
            sp.GetRequiredService<Orleans.Metadata.GrainInterfaceTypeResolver>(), sp.GetRequiredService<GrainInterfaceTypeToGrainTypeResolver>())));
    }

    /// <param name="configuration">The <c>PushAuth</c> section.</param>
    public static IServiceCollection AddPushAuthGrains(this IServiceCollection services, IConfiguration configuration)
    {
        AddApplicationServices(services);
        AddBackup(services, configuration);
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection("Security")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.AddOptions<ChallengeOptions>().Bind(configuration.GetSection("Challenges"))
            .Validate(o => o.ResolvedGracePeriod > TimeSpan.Zero && o.ResolvedGracePeriod <= TimeSpan.FromDays(1), "PushAuth:Challenges:ResolvedGracePeriod must be between 0 and 1 day.")
            .Validate(o => o.FatigueCoolOff > TimeSpan.Zero, "PushAuth:Challenges:FatigueCoolOff must be positive.")
            .Validate(o => o.DenialsBeforeBlock is >= 1 and <= 100, "PushAuth:Challenges:DenialsBeforeBlock must be 1..100.")
            .Validate(o => o.ApprovalsBeforeAutoApproveRule is >= 1 and <= 100, "PushAuth:Challenges:ApprovalsBeforeAutoApproveRule must be 1..100.")
            .ValidateOnStart();
        services.AddOptions<EffectOptions>().Bind(configuration.GetSection("Effects"))
            .Validate(o => o.ReminderPeriod >= TimeSpan.FromSeconds(1) && o.ReminderPeriod <= TimeSpan.FromHours(1), "PushAuth:Effects:ReminderPeriod must be 1 s..1 h.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        AddCachingGrainFactory(services);
        services.AddOptions<AuditAggregationOptions>().Bind(configuration.GetSection("Audit"))
            .Validate(o => o.AggregationWindow >= TimeSpan.FromSeconds(1) && o.AggregationWindow <= TimeSpan.FromHours(1), "PushAuth:Audit:AggregationWindow must be 1 s..1 h.")
            .Validate(o => o.MaxKeys is >= 10 and <= 1_000_000, "PushAuth:Audit:MaxKeys must be 10..1000000.")
            .ValidateOnStart();
        services.AddOptions<DeviceOptions>().Bind(configuration.GetSection("Devices"))
            .Validate(o => o.UnpairedLifetime >= TimeSpan.FromSeconds(1) && o.UnpairedLifetime <= TimeSpan.FromDays(365), "PushAuth:Devices:UnpairedLifetime must be 1 s..365 days.")
            .Validate(o => o.RegistrationsPerMinutePerAddress is >= 1 and <= 10_000_000, "PushAuth:Devices:RegistrationsPerMinutePerAddress must be at least 1.")
            .Validate(o => o.PairingPhrasesPerHour is >= 1 and <= 10_000, "PushAuth:Devices:PairingPhrasesPerHour must be 1..10000.")
            .ValidateOnStart();
        services.AddOptions<HistoryOptions>().Bind(configuration.GetSection("History")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HistoryOptions>, HistoryOptionsValidator>());
        services.TryAddSingleton<HistoryKeyMaterial>();
        services.TryAddSingleton<HistoryCheckpointStore>();
        services.TryAddSingleton<HistoryIntegrity>();
        services.TryAddSingleton<AttemptLedger>();
        services.AddHostedService<AttemptLedgerReporter>();
        services.TryAddSingleton<KeyMaterial>();
        services.TryAddSingleton<PushAuth.Grains.Pairing.PairingPhraseKeys>();
        services.TryAddSingleton<TenantSettingsCache>();
        services.TryAddSingleton<DeviceKeyCache>();
        services.TryAddSingleton<ActiveDeviceCache>();
        services.TryAddSingleton<DeviceSessions>();
        services.TryAddSingleton<PushAuth.Grains.Users.WrongCodeLatency>();
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<ClaimRateLimiter>();
        services.TryAddSingleton<RegistrationRateLimiter>();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection("Webhooks"));
        services.TryAddSingleton<WebhookTargets>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<IUserNotifier, ContactUserNotifier>();
        services.TryAddTransient<EffectDelivery>();
        services.TryAddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        services.TryAddSingleton<PublicAddressConnector>();
        // No proxy (the connect step must see the real target), no redirects (a receiver has no reason to send one,
        // and the target of a redirect is not what the challenge named).
        services.AddHttpClient(WebhookSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = sp.GetRequiredService<PublicAddressConnector>().ConnectAsync,
            });
        services.AddHttpClient(WebhookSender.AllowedHostsClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = sp.GetRequiredService<PublicAddressConnector>().ConnectListedAsync,
            });
        // One serializer for every provider (SQLite, ADO.NET, Azure): replaces Orleans' Newtonsoft default.
        services.AddSingleton<IGrainStorageSerializer, JsonGrainStateSerializer>();
        services.AddPlacementFilter<GatewaySiloPlacementFilterStrategy, GatewaySiloPlacementFilterDirector>(ServiceLifetime.Singleton);
        return services;
    }

    /// <summary>The doors hosts call: every policy they hold is met by every caller.</summary>
    private static void AddApplicationServices(IServiceCollection services)
    {
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<IApiKeyAuthenticator>(sp => sp.GetRequiredService<ApiKeyAuthenticator>());
        services.TryAddSingleton<IDeviceAuthenticator, DeviceAuthenticator>();
        services.TryAddSingleton<IDeviceService, DeviceService>();
        services.TryAddSingleton<IPairingService, PairingService>();
        services.TryAddSingleton<IDeviceChallenges, DeviceChallenges>();
        services.TryAddSingleton<IBackupService, BackupService>();
        services.TryAddSingleton<IContactVerificationService, ContactVerificationService>();
        services.TryAddSingleton<IHistoryService, HistoryService>();
        services.TryAddSingleton<ITenantAdministration, TenantAdministration>();
        services.TryAddSingleton<IUserRecoveryService, UserRecoveryService>();
        services.TryAddSingleton<IEventSubscriptionService, EventSubscriptionService>();
        services.TryAddSingleton<IHostKeys, HostKeys>();
        services.TryAddSingleton<IConsoleDirectory, ConsoleDirectory>();
        services.TryAddSingleton<IUserDirectory, UserDirectory>();
    }

    /// <summary>What the backup grains need: options, the master key's derived keys, the contact senders.</summary>
    private static void AddBackup(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection("Backup")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>());
        services.AddOptions<ContactOptions>().Bind(configuration.GetSection("Contact"))
            .Validate(o => o.SendsPerDevicePerHour is >= 1 and <= 10_000, "PushAuth:Contact:SendsPerDevicePerHour must be 1..10000.")
            .Validate(o => o.SendsPerSourcePerHour is >= 1 and <= 1_000_000, "PushAuth:Contact:SendsPerSourcePerHour must be 1..1000000.")
            .ValidateOnStart();
        services.TryAddSingleton<BackupKeyMaterial>();
        // Before AddContactMessaging, whose process-local inbox is only a fallback: in a silo the inbox is cluster-wide.
        services.TryAddSingleton<IDevContactInbox, ClusterDevContactInbox>();
        services.AddContactMessaging(configuration.GetSection("Contact"));
    }
}
