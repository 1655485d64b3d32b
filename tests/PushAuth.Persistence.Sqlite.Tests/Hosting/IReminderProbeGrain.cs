namespace PushAuth.Persistence.Sqlite.Tests.Hosting;

/// <summary>Registers a reminder and counts how often it fires.</summary>
[Alias("PushAuth.Persistence.Sqlite.Tests.Hosting.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("RegisterAsync")]
    Task RegisterAsync(TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default);

    [Alias("UnregisterAsync")]
    Task UnregisterAsync(CancellationToken cancellationToken = default);

    /// <summary>Times the reminder fired on this activation.</summary>
    [Alias("GetTicksAsync")]
    Task<int> GetTicksAsync(CancellationToken cancellationToken = default);
}
