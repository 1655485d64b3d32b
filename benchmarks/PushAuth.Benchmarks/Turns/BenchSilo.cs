using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PushAuth.Hosting;
using PushAuth.Hosting.Postgres;
using PushAuth.Hosting.Sqlite;

namespace PushAuth.Benchmarks.Turns;

/// <summary>A grain silo (generic host) for throughput runs.</summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private BenchSilo(IHost host) => Host = host;

    public IHost Host { get; }

    public IGrainFactory Factory => Host.Services.GetRequiredService<IGrainFactory>();

    public GrainRuntime Runtime => Host.Services.GetRequiredService<GrainRuntime>();

    public static Task<BenchSilo> SqliteAsync(string directory) => StartAsync(s => s.AddSqliteGrainStorage(configure: o => o.DataDirectory = directory));

    public static Task<BenchSilo> PostgresAsync(string connectionString) => StartAsync(s => s.AddPostgresGrainStorage(configure: o => o.ConnectionString = connectionString));

    private static async Task<BenchSilo> StartAsync(Action<IServiceCollection> storage)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrainHosting();
        storage(builder.Services);
        builder.Services.AddGrain<IBenchCounterGrain, BenchCounterGrain>();
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<SiloReadiness>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
