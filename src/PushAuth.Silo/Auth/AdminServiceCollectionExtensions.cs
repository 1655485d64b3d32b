using Microsoft.Extensions.Options;

namespace PushAuth.Silo.Auth;

/// <summary>The admin console's sessions, passkey ceremonies, invitations and options.</summary>
internal static class AdminServiceCollectionExtensions
{
    /// <param name="configuration">The <c>PushAuth</c> section.</param>
    public static IServiceCollection AddPushAuthConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection("Console")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        services.AddSingleton<ConsoleMac>();
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<ConsoleRelyingParty>();
        services.AddSingleton<PasskeyCeremonies>();
        services.AddSingleton<AdminInvitations>();
        services.AddSingleton<ConsoleSignInGuard>();
        services.AddSingleton<ConsoleSignIn>();
        return services;
    }
}
