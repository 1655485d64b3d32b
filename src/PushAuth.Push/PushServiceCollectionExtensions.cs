using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PushAuth.Push;

/// <summary>Registers the push senders.</summary>
public static class PushServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DevPushSender"/> (always), and <see cref="FcmSender"/> / <see cref="ApnsSender"/> when the
    /// section has an "Fcm" / "Apns" subsection, with options validated at start. Also <see cref="PushSenders"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The push configuration section, e.g. "Push", with optional "Fcm", "Apns" and "Dev:Capacity".</param>
    public static IServiceCollection AddPushSenders(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        var capacity = section.GetValue("Dev:Capacity", 10_000);
        services.TryAddSingleton(_ => new DevPushInbox(capacity));
        services.TryAddSingleton<DevPushSender>();
        services.AddSingleton<IPushSender>(sp => sp.GetRequiredService<DevPushSender>());

        var fcm = section.GetSection("Fcm");
        if (fcm.Exists())
        {
            services.AddOptions<FcmOptions>().Bind(fcm).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FcmOptions>, FcmOptionsValidator>());
            services.TryAddSingleton(sp => new FcmSender(
                sp.GetRequiredService<IOptions<FcmOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<FcmSender>>()));
            services.AddSingleton<IPushSender>(sp => sp.GetRequiredService<FcmSender>());
        }

        var apns = section.GetSection("Apns");
        if (apns.Exists())
        {
            services.AddOptions<ApnsOptions>().Bind(apns).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApnsOptions>, ApnsOptionsValidator>());
            services.TryAddSingleton(sp => new ApnsSender(
                sp.GetRequiredService<IOptions<ApnsOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ApnsSender>>()));
            services.AddSingleton<IPushSender>(sp => sp.GetRequiredService<ApnsSender>());
        }

        services.TryAddSingleton<PushSenders>();
        return services;
    }
}
