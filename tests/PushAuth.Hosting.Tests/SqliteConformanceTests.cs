using Microsoft.Extensions.Options;
using PushAuth.Hosting.Storage;
using PushAuth.Hosting.Tests.TestGrains;
using PushAuth.Hosting.Sqlite;
using Xunit;

namespace PushAuth.Hosting.Tests;

public sealed class SqliteConformanceTests : StorageConformanceTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pushauth-sqlite-" + Guid.NewGuid().ToString("N"));
    private TestSilo? _silo;

    protected override IGrainStorage CurrentStorage => _silo?.Storage ?? throw new InvalidOperationException("Start a silo first.");

    protected override async Task<IGrainStorage> CreateStorageAsync()
    {
        var storage = new SqliteGrainStorage(Options.Create(new SqliteStorageOptions { DataDirectory = Path.Combine(_directory, "standalone-" + Guid.NewGuid().ToString("N")) }));
        Track(new DisposeAction(storage.Dispose));
        await storage.InitializeAsync();
        return storage;
    }

    protected override async Task<TestSilo> StartSiloCoreAsync(SiloShared shared)
    {
        _silo = await TestSilo.StartSqliteAsync(_directory, shared);
        return _silo;
    }

    [Fact]
    public async Task SecondSilo_SameDatabaseFile_IsRefusedClearly()
    {
        await StartSiloAsync(new SiloShared());

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSilo.StartSqliteAsync(_directory, new SiloShared()));

        Assert.Contains("already in use by another silo", ex.Message);
        Assert.Contains("PostgreSQL", ex.Message);
    }

    [Fact]
    public async Task Silo_Restarted_KeepsState()
    {
        var first = await TestSilo.StartSqliteAsync(_directory, new SiloShared());
        await first.Factory.GetGrain<ICounterGrain>("durable").IncrementAsync();
        await first.Factory.GetGrain<ICounterGrain>("durable").IncrementAsync();
        await first.DisposeAsync();

        var second = await StartSiloAsync(new SiloShared());

        Assert.Equal(2, await second.Factory.GetGrain<ICounterGrain>("durable").GetAsync());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class DisposeAction(Action action) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            action();
            return ValueTask.CompletedTask;
        }
    }
}
