using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PushAuth.Hosting;
using PushAuth.Hosting.Postgres;
using PushAuth.Hosting.Sqlite;
using PushAuth.Push;

namespace PushAuth.Grains.Tests.Cluster;

/// <summary>A silo with the approval grains, push dispatch on the dev transport, and the stand-in identity grains.</summary>
public sealed class ApprovalSilo : IAsyncDisposable
{
    private ApprovalSilo(IHost host) => Host = host;

    public IHost Host { get; }

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public INotificationBus Bus => Host.Services.GetRequiredService<INotificationBus>();

    public DevPushInbox Pushes => Host.Services.GetRequiredService<DevPushInbox>();

    public static Task<ApprovalSilo> PostgresAsync(string connectionString, TimeProvider? time = null, IConfiguration? push = null, Action<IServiceCollection>? configure = null, TimeSpan? claimLease = null) =>
        StartAsync(s => s.AddPostgresGrainStorage(configure: o => o.ConnectionString = connectionString), time, push, configure, claimLease);

    public static Task<ApprovalSilo> SqliteAsync(string directory, TimeProvider? time = null, IConfiguration? push = null, ILoggerProvider? logging = null) =>
        StartAsync(s => s.AddSqliteGrainStorage(configure: o => o.DataDirectory = directory), time, push, null, null, logging);

    private static async Task<ApprovalSilo> StartAsync(Action<IServiceCollection> storage, TimeProvider? time, IConfiguration? push, Action<IServiceCollection>? configure, TimeSpan? claimLease, ILoggerProvider? logging = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (logging is not null)
        {
            builder.Logging.AddProvider(logging);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }
        var config = new ConfigurationBuilder().Build();
        builder.Services.AddGrainHosting();
        builder.Services.Configure<GrainHostingOptions>(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            o.ClaimLease = claimLease ?? o.ClaimLease;
        });
        storage(builder.Services);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        builder.Services.AddApprovalGrains(config);
        builder.Services.AddPushSenders(push ?? config.GetSection("Push"));
        builder.Services.AddPushDispatch();
        builder.Services.AddGrain<IStandInTenantGrain, StandInTenantGrain>();
        builder.Services.AddGrain<IStandInUserGrain, StandInUserGrain>();
        builder.Services.AddGrain<IStandInDeviceGrain, StandInDeviceGrain>();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<SiloReadiness>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
        return new ApprovalSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(TimeSpan.FromSeconds(10));
        Host.Dispose();
    }
}
