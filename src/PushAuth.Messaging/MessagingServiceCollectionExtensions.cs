using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PushAuth.Messaging;

/// <summary>Registers the contact-verification senders.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// The development sinks always; the SMTP sender when <c>Email:Smtp</c> exists and the Twilio sender when
    /// <c>Sms:Twilio</c> exists (each then replaces its channel's sink), options validated at start.
    /// </summary>
    /// <param name="section">The <c>PushAuth:Contact</c> section.</param>
    public static IServiceCollection AddContactMessaging(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.TryAddSingleton(TimeProvider.System);
        // A silo registers its cluster-wide inbox before this; elsewhere the inbox is this process's own.
        services.AddOptions<DevInboxOptions>().Bind(section.GetSection("DevInbox"))
            .Validate(o => o.Capacity is >= 1 and <= 100_000, "PushAuth:Contact:DevInbox:Capacity must be 1..100000.").ValidateOnStart();
        services.TryAddSingleton<IDevContactInbox>(sp => new DevContactInbox(sp.GetRequiredService<IOptions<DevInboxOptions>>().Value.Capacity));
        services.AddSingleton<IContactMessageSender>(sp => new DevContactSender(ContactChannels.Email, sp.GetRequiredService<IDevContactInbox>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DevContactSender>>()));
        services.AddSingleton<IContactMessageSender>(sp => new DevContactSender(ContactChannels.Sms, sp.GetRequiredService<IDevContactInbox>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DevContactSender>>()));

        if (section.GetSection("Email:Smtp") is { } smtp && smtp.Exists())
        {
            services.AddOptions<SmtpOptions>().Bind(smtp).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
            services.AddSingleton<IContactMessageSender>(sp => new SmtpEmailSender(sp.GetRequiredService<IOptions<SmtpOptions>>().Value, sp.GetRequiredService<ILogger<SmtpEmailSender>>()));
        }
        if (section.GetSection("Sms:Twilio") is { } twilio && twilio.Exists())
        {
            services.AddOptions<TwilioOptions>().Bind(twilio).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>());
            services.TryAddSingleton(sp => new TwilioSmsSender(sp.GetRequiredService<IOptions<TwilioOptions>>().Value, sp.GetRequiredService<ILogger<TwilioSmsSender>>()));
            services.AddSingleton<IContactMessageSender>(sp => sp.GetRequiredService<TwilioSmsSender>());
        }
        services.TryAddSingleton<ContactMessengers>();
        return services;
    }
}
