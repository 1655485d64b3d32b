using PushAuth.History;

namespace PushAuth.Silo.Admin;

/// <summary>The read models behind the console's dashboard, user list and user page.</summary>
internal static class ConsoleDirectoryServiceCollectionExtensions
{
    public static IServiceCollection AddConsoleDirectory(this IServiceCollection services)
    {
        services.AddSingleton<UserProfiles>();
        services.AddSingleton(sp => new HistoryStatistics(sp.GetRequiredService<IHistoryStore>()));
        return services;
    }
}
