using Microsoft.Extensions.Logging;
using PushAuth.Diagnostics;

namespace PushAuth.Persistence.Sqlite;

public sealed partial class SqliteDatabase
{
    [LoggerMessage(EventId = LogEvents.SqliteOpened, Level = LogLevel.Information,
        Message = "Opened SQLite database {DatabasePath} (schema {SchemaVersion}, {ReaderCount} readers, synchronous {Synchronous})")]
    private partial void LogOpened(string databasePath, int schemaVersion, int readerCount, SqliteSynchronousMode synchronous);

    [LoggerMessage(EventId = LogEvents.SqliteClosed, Level = LogLevel.Information,
        Message = "Closed SQLite database {DatabasePath} after {WriteRequests} writes in {Transactions} transactions")]
    private partial void LogClosed(string databasePath, long writeRequests, long transactions);

    [LoggerMessage(EventId = LogEvents.SqliteMigrationApplied, Level = LogLevel.Information,
        Message = "Applied schema version {SchemaVersion} to SQLite database {DatabasePath}")]
    private partial void LogMigrationApplied(string databasePath, int schemaVersion);

    [LoggerMessage(EventId = LogEvents.SqliteTransactionLost, Level = LogLevel.Error,
        Message = "SQLite rolled back a write transaction of {DatabasePath}; {LostWrites} writes of the batch failed")]
    private partial void LogTransactionLost(string databasePath, int lostWrites);

    [LoggerMessage(EventId = LogEvents.SqliteCommitFailed, Level = LogLevel.Error,
        Message = "Commit of {Writes} writes to SQLite database {DatabasePath} failed")]
    private partial void LogCommitFailed(Exception exception, string databasePath, int writes);

    [LoggerMessage(EventId = LogEvents.SqliteBeginFailed, Level = LogLevel.Error,
        Message = "Could not begin a write transaction on SQLite database {DatabasePath}")]
    private partial void LogBeginFailed(Exception exception, string databasePath);
}
