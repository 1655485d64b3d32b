using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PushAuth.Persistence.Sqlite.Internal;

namespace PushAuth.Persistence.Sqlite;

/// <summary>
/// Orleans grain storage on the silo's <see cref="SqliteDatabase"/>, with the ETag rules of Orleans' official
/// providers: the ETag is the row version; a write with a null ETag inserts and fails if a row (or a tombstone)
/// exists; a write or clear with a stale ETag throws <see cref="InconsistentStateException"/> carrying the stored and
/// the caller's ETag and changes nothing; clear keeps a versioned tombstone (or deletes, with
/// <see cref="SqliteGrainStorageOptions.DeleteStateOnClear"/>). Rows are keyed by service id, grain type, grain key
/// and state name. Serialization runs on the caller's thread, SQL only on the database's own threads.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage
{
    private const string ReadSql = "SELECT version, payload FROM grain_state WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND state_name = $state;";
    private const string InsertSql = """
        INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, version, payload, modified_at)
        VALUES ($service, $type, $key, $state, 1, $payload, $now)
        ON CONFLICT DO NOTHING
        RETURNING version;
        """;
    private const string UpdateSql = """
        UPDATE grain_state SET version = version + 1, payload = $payload, modified_at = $now
        WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND state_name = $state AND version = $version
        RETURNING version;
        """;
    private const string DeleteSql = "DELETE FROM grain_state WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND state_name = $state AND version = $version;";
    private const string VersionSql = "SELECT version FROM grain_state WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND state_name = $state;";

    private readonly string _name;
    private readonly SqliteDatabase _database;
    private readonly SqliteGrainStorageOptions _options;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly string _serviceId;

    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        SqliteDatabase database,
        IOptions<ClusterOptions> clusterOptions,
        IActivatorProvider activatorProvider,
        ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _options = options;
        _serializer = options.GrainStorageSerializer
            ?? throw new ArgumentException($"{nameof(SqliteGrainStorageOptions)}.{nameof(options.GrainStorageSerializer)} of grain storage '{name}' is not set.", nameof(options));
        _database = database;
        _serviceId = clusterOptions.Value.ServiceId ?? "";
        _activatorProvider = activatorProvider;
        _logger = logger;
    }

    /// <summary>The factory Orleans' <c>AddGrainStorage</c> calls for the storage named <paramref name="name"/>.</summary>
    public static SqliteGrainStorage Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<SqliteGrainStorage>(
            services, name, services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = new RowKey(_serviceId, grainId, stateName);
        var (version, payload) = await _database.ReadAsync(session =>
        {
            using var reader = key.Bind(session.Command(ReadSql)).ExecuteReader();
            return reader.Read()
                ? ((long?)reader.GetInt64(0), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1))
                : ((long?)null, (byte[]?)null);
        }, cancellationToken).ConfigureAwait(false);

        var state = payload is null ? default : _serializer.Deserialize<T>(new BinaryData(payload));
        grainState.State = state ?? CreateInstance<T>();
        grainState.ETag = FormatETag(version);
        grainState.RecordExists = state is not null;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = new RowKey(_serviceId, grainId, stateName);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var expected = grainState.ETag;
        var now = _database.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        if (!TryParseETag(expected, out var expectedVersion))
        {
            throw Conflict("WriteState", grainId, stateName, await ReadVersionAsync(key, cancellationToken).ConfigureAwait(false), expected);
        }

        var outcome = await _database.WriteAsync(session =>
        {
            var command = expectedVersion is null ? session.Command(InsertSql) : session.Command(UpdateSql).With("$version", expectedVersion);
            var result = key.Bind(command).With("$payload", payload).With("$now", now).ExecuteScalar();
            return result is long newVersion ? new Outcome(true, newVersion) : new Outcome(false, StoredVersion(session, key));
        }, cancellationToken).ConfigureAwait(false);

        if (!outcome.Succeeded)
        {
            throw Conflict("WriteState", grainId, stateName, FormatETag(outcome.Version), expected);
        }
        grainState.ETag = FormatETag(outcome.Version);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = new RowKey(_serviceId, grainId, stateName);
        var expected = grainState.ETag;
        var now = _database.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        if (!TryParseETag(expected, out var expectedVersion))
        {
            throw Conflict("ClearState", grainId, stateName, await ReadVersionAsync(key, cancellationToken).ConfigureAwait(false), expected);
        }

        var deleteOnClear = _options.DeleteStateOnClear;
        var outcome = await _database.WriteAsync(session =>
        {
            if (expectedVersion is null)
            {
                // Nothing stored is what the caller believes: true only if no row (nor tombstone) exists.
                var stored = StoredVersion(session, key);
                return new Outcome(stored is null, stored);
            }
            if (deleteOnClear)
            {
                var deleted = key.Bind(session.Command(DeleteSql)).With("$version", expectedVersion).ExecuteNonQuery();
                return deleted == 1 ? new Outcome(true, null) : new Outcome(false, StoredVersion(session, key));
            }
            var result = key.Bind(session.Command(UpdateSql)).With("$version", expectedVersion).With("$payload", null).With("$now", now).ExecuteScalar();
            return result is long newVersion ? new Outcome(true, newVersion) : new Outcome(false, StoredVersion(session, key));
        }, cancellationToken).ConfigureAwait(false);

        if (!outcome.Succeeded)
        {
            throw Conflict("ClearState", grainId, stateName, FormatETag(outcome.Version), expected);
        }
        grainState.ETag = FormatETag(outcome.Version);
        grainState.RecordExists = false;
        grainState.State = CreateInstance<T>();
    }

    private Task<string?> ReadVersionAsync(RowKey key, CancellationToken cancellationToken) =>
        _database.ReadAsync(session => FormatETag(StoredVersion(session, key)), cancellationToken);

    private static long? StoredVersion(SqliteSession session, RowKey key) =>
        key.Bind(session.Command(VersionSql)).ExecuteScalar() is long version ? version : null;

    private InconsistentStateException Conflict(string operation, GrainId grainId, string stateName, string? storedETag, string? currentETag)
    {
        LogConflict(operation, _name, grainId, stateName, storedETag, currentETag);
        return new InconsistentStateException(
            $"Version conflict ({operation}): ServiceId={_serviceId} ProviderName={_name} StateName={stateName} GrainId={grainId} ETag={currentETag} StoredETag={storedETag}.",
            storedETag,
            currentETag);
    }

    private static string? FormatETag(long? version) => version?.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseETag(string? eTag, out long? version)
    {
        if (string.IsNullOrWhiteSpace(eTag))
        {
            version = null;
            return true;
        }
        var parsed = long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        version = parsed ? value : null;
        return parsed;
    }

    private T CreateInstance<T>() => _activatorProvider.GetActivator<T>().Create();

    private readonly record struct Outcome(bool Succeeded, long? Version);
}
