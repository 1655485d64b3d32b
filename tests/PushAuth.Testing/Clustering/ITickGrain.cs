namespace PushAuth.Testing.Clustering;

/// <summary>A grain that records every reminder tick it receives in <see cref="TickLog"/>.</summary>
[Alias("cluster-tests.ITickGrain")]
public interface ITickGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task StartAsync(TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default);

    [Alias("Stop")]
    Task StopAsync(CancellationToken cancellationToken = default);
}
