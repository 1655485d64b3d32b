using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;
using PushAuth.Grains.Placement;
using PushAuth.Persistence.Sqlite;
using PushAuth.Push;

namespace PushAuth.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process silo (Orleans' <see cref="InProcessTestCluster"/>) with every PushAuth grain, on the embedded SQLite
/// database (grain state, reminders, history store) in a fresh directory, whose domain clock is a
/// <see cref="FakeTimeProvider"/> the tests advance. Shared by the tests of a class (xunit class fixture): each test
/// uses grain keys of its own, and time only moves forward, so tests read it relative to <see cref="Time"/>'s now.
/// </summary>
public class GrainHostFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pushauth-grain-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The silo's TimeProvider: grains, their timers and PushAuth's caches read it.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The silo's services (its history store, reminder table, options).</summary>
    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    /// <summary>Configuration under the <c>PushAuth</c> section the grains bind, on top of the defaults below.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "grain-tests-" + Guid.NewGuid().ToString("N")[..8];
        builder.ConfigureSilo((_, silo) =>
        {
            // Before UseSqliteStorage and AddPushAuthGrains, whose TryAdd keep this clock.
            silo.Services.AddSingleton<TimeProvider>(Time);
            // Orleans' membership watchdog keeps the system clock: a frozen or jumping clock is a false stall.
            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, TimeProvider.System);
            silo.UseSqliteStorage(PushAuth.Grains.Storage.StorageNames.Default, o => o.DataDirectory = _directory);
            // As the real silo: device grains (which send the pushes) are placed on silos that serve the gateway.
            silo.UseSiloMetadata(new Dictionary<string, string> { [SiloRoles.GatewayMetadataKey] = "true" });
            silo.Services.AddPushAuthGrains(Configuration());
            silo.Services.AddPushSenders(new ConfigurationBuilder().Build());
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS: the database may still be closing.
        }
    }

    private IConfiguration Configuration()
    {
        var values = new Dictionary<string, string?>
        {
            // Keys from configuration, as outside Development they must be (the in-process silo itself runs as Development).
            ["Security:TotpKeys"] = "t1:NrOxcMHX+fyVSXlx+NjUUrBYEExn/jnaNEZUThx8EqI=",
            ["Security:SessionKey"] = "s1:HaWD1S4fsODTjoCCdeGh6vL2Lta8WBbLWAq9xfNaET4=",
            ["History:ChainKeys"] = PushAuth.Testing.TestHistoryKeys.Configured,
            ["History:CheckpointDirectory"] = Path.Combine(_directory, "checkpoints"),
        };
        foreach (var (key, value) in Settings)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
