using Microsoft.Extensions.Logging;
using PushAuth.Diagnostics;

namespace PushAuth.Persistence.Postgres;

public sealed partial class PostgresMigrator
{
    [LoggerMessage(EventId = LogEvents.PostgresUnreachable, Level = LogLevel.Warning,
        Message = "PostgreSQL at {Host}:{Port} is not reachable yet ({Reason}); retrying in {DelayMs} ms, giving up in {RemainingSeconds:0.#} s")]
    private partial void LogUnreachable(string? host, int port, string reason, double delayMs, double remainingSeconds);

    [LoggerMessage(EventId = LogEvents.PostgresMigrationGaveUp, Level = LogLevel.Error,
        Message = "PostgreSQL at {Host}:{Port} was not reachable after {Attempts} attempts in {TimeoutSeconds} s; the silo cannot start")]
    private partial void LogGaveUp(string? host, int port, int attempts, double timeoutSeconds);

    [LoggerMessage(EventId = LogEvents.PostgresMigrationApplied, Level = LogLevel.Information, Message = "Applied PostgreSQL migration {Version} ({Name})")]
    private partial void LogMigrationApplied(int version, string name);

    [LoggerMessage(EventId = LogEvents.PostgresSchemaUpToDate, Level = LogLevel.Information,
        Message = "PostgreSQL schema is at version {Version} ({Applied} migrations applied by this silo, {ElapsedMs:0} ms)")]
    private partial void LogSchemaUpToDate(int version, int applied, double elapsedMs);

    [LoggerMessage(EventId = LogEvents.PostgresSchemaNewer, Level = LogLevel.Warning,
        Message = "PostgreSQL schema is at version {DatabaseVersion}, newer than this silo's {KnownVersion}; continuing (migrations only add)")]
    private partial void LogNewerSchema(int databaseVersion, int knownVersion);
}
