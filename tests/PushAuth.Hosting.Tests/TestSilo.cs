using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PushAuth.Hosting.Storage;
using PushAuth.Hosting.Tests.TestGrains;
using PushAuth.Hosting.Postgres;
using PushAuth.Hosting.Sqlite;

namespace PushAuth.Hosting.Tests;

/// <summary>One silo (a generic host with the grain runtime) on SQLite or PostgreSQL, for runtime tests.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private TestSilo(IHost host) => Host = host;

    public IHost Host { get; }

    public IGrainFactory Factory => Host.Services.GetRequiredService<IGrainFactory>();

    public GrainRuntime Runtime => Host.Services.GetRequiredService<GrainRuntime>();

    public IGrainStorage Storage => Host.Services.GetRequiredService<IGrainStorage>();

    public INotificationBus Bus => Host.Services.GetRequiredService<INotificationBus>();

    public SiloReadiness Readiness => Host.Services.GetRequiredService<SiloReadiness>();

    public static Task<TestSilo> StartSqliteAsync(string dataDirectory, SiloShared shared, TimeProvider? time = null) =>
        StartAsync(services => services.AddSqliteGrainStorage(configure: o => o.DataDirectory = dataDirectory), shared, time);

    public static Task<TestSilo> StartPostgresAsync(string connectionString, SiloShared shared, TimeProvider? time = null) =>
        StartAsync(services => services.AddPostgresGrainStorage(configure: o => o.ConnectionString = connectionString), shared, time);

    private static async Task<TestSilo> StartAsync(Action<IServiceCollection> storage, SiloShared shared, TimeProvider? time)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrainHosting();
        builder.Services.Configure<GrainHostingOptions>(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            o.ClaimLease = shared.ClaimLease;
        });
        storage(builder.Services);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        builder.Services.AddSingleton(shared.Reminders);
        builder.Services.AddSingleton<IOutboxHandler>(shared.Outbox);
        builder.Services.AddGrain<ICounterGrain, CounterGrain>();
        var host = builder.Build();
        await host.StartAsync();
        var silo = new TestSilo(host);
        await silo.Readiness.WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(TimeSpan.FromSeconds(10));
        Host.Dispose();
    }
}

/// <summary>What the silos of one test share (they stand for separate machines that see the same effects).</summary>
public sealed class SiloShared
{
    public ReminderLog Reminders { get; } = new();

    public RecordingOutboxHandler Outbox { get; } = new();

    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromSeconds(30);
}
