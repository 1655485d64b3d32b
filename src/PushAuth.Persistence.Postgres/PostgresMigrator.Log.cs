using Microsoft.Extensions.Logging;

namespace PushAuth.Persistence.Postgres;

public sealed partial class PostgresMigrator
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "PostgreSQL at {Host}:{Port} is not reachable yet ({Reason}); retrying in {DelayMs} ms, giving up in {RemainingSeconds:0.#} s")]
    private partial void LogUnreachable(string? host, int port, string reason, double delayMs, double remainingSeconds);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error,
        Message = "PostgreSQL at {Host}:{Port} was not reachable after {Attempts} attempts in {TimeoutSeconds} s; the silo cannot start")]
    private partial void LogGaveUp(string? host, int port, int attempts, double timeoutSeconds);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Applied PostgreSQL migration {Version} ({Name})")]
    private partial void LogMigrationApplied(int version, string name);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information,
        Message = "PostgreSQL schema is at version {Version} ({Applied} migrations applied by this silo, {ElapsedMs:0} ms)")]
    private partial void LogSchemaUpToDate(int version, int applied, double elapsedMs);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning,
        Message = "PostgreSQL schema is at version {DatabaseVersion}, newer than this silo's {KnownVersion}; continuing (migrations only add)")]
    private partial void LogNewerSchema(int databaseVersion, int knownVersion);
}
