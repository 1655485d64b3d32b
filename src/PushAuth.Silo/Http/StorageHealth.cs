using Npgsql;
using PushAuth.Persistence.Postgres;
using PushAuth.Diagnostics;

namespace PushAuth.Silo.Http;

/// <summary>
/// Whether this silo's database answers: PostgreSQL gets a <c>SELECT 1</c> on a fresh connection with a two-second
/// timeout, cached for a second so many probes cost one query a second. SQLite is a local file (it fails with the
/// process) and Azure Storage is not pinged: both report healthy. When the database comes back the shared pool is
/// cleared, so requests do not each find a connection the restart broke.
/// </summary>
public sealed partial class StorageHealth : IDisposable
{
    internal static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    private readonly string? _pingConnectionString;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<StorageHealth> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StorageStatus _last = StorageStatus.Healthy;
    private long _checkedAt;
    private bool _checkedOnce;

    public StorageHealth(StorageOptions storage, IServiceProvider services, TimeProvider time, ILogger<StorageHealth> logger)
    {
        _services = services;
        _time = time;
        _logger = logger;
        if (storage.Provider == StorageProvider.Postgres && !string.IsNullOrEmpty(storage.ConnectionString))
        {
            // Its own unpooled connection: a pool exhausted by a load spike must not read as an outage.
            _pingConnectionString = new NpgsqlConnectionStringBuilder(storage.ConnectionString)
            {
                Pooling = false,
                Timeout = (int)PingTimeout.TotalSeconds,
                CommandTimeout = (int)PingTimeout.TotalSeconds,
            }.ConnectionString;
        }
    }

    /// <summary>The last result if it is under a second old, else a fresh ping (one at a time; others wait for it).</summary>
    public async Task<StorageStatus> CheckAsync(CancellationToken cancellationToken)
    {
        if (_pingConnectionString is null)
        {
            return StorageStatus.Healthy;
        }
        if (Fresh())
        {
            return _last;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh())
            {
                return _last;
            }
            var status = await PingAsync(_pingConnectionString, cancellationToken);
            if (status.IsHealthy && !_last.IsHealthy)
            {
                LogRecovered();
                _services.GetKeyedService<NpgsqlDataSource>(PostgresSiloBuilderExtensions.DataSourceKey)?.Clear();
            }
            else if (!status.IsHealthy && _last.IsHealthy)
            {
                LogUnavailable(status.Error ?? "");
            }
            _last = status;
            _checkedAt = _time.GetTimestamp();
            _checkedOnce = true;
            return status;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool Fresh() => _checkedOnce && _time.GetElapsedTime(_checkedAt) < CacheFor;

    private static async Task<StorageStatus> PingAsync(string connectionString, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return StorageStatus.Healthy;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return StorageStatus.Unavailable($"no answer from PostgreSQL within {PingTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            return StorageStatus.Unavailable(e.Message);
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = LogEvents.StorageUnavailable, Level = LogLevel.Warning, Message = "Storage unavailable: {Error}; /readyz reports not-ready until it answers")]
    private partial void LogUnavailable(string error);

    [LoggerMessage(EventId = LogEvents.StorageRecovered, Level = LogLevel.Information, Message = "Storage answers again; connection pool cleared")]
    private partial void LogRecovered();
}
