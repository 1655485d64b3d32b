using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PushAuth.Messaging;

namespace PushAuth.Grains.Backup;

/// <summary>What the backup grains need: options, the master key's derived keys, the contact senders.</summary>
public static class BackupServiceCollectionExtensions
{
    /// <param name="configuration">The <c>PushAuth</c> section (reads <c>Backup</c> and <c>Contact</c>).</param>
    public static IServiceCollection AddPushAuthBackup(this IServiceCollection services, IConfiguration configuration)
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
        return services;
    }
}
