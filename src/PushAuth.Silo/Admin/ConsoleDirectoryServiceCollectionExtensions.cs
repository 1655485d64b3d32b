using PushAuth.History;

namespace PushAuth.Silo.Admin;

/// <summary>The dashboard's counts over time, read from the history store (the user list and page are <see cref="IUserDirectory"/>).</summary>
internal static class ConsoleDirectoryServiceCollectionExtensions
{
    public static IServiceCollection AddConsoleDirectory(this IServiceCollection services)
    {
        services.AddSingleton(sp => new HistoryStatistics(sp.GetRequiredService<IHistoryStore>()));
        return services;
    }
}
