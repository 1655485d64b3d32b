using Microsoft.Extensions.Logging;
using PushAuth.Persistence.Sqlite.Internal;

namespace PushAuth.Persistence.Sqlite;

public sealed partial class SqliteDatabase
{
    [LoggerMessage(EventId = SqliteLogEvents.Opened, Level = LogLevel.Information,
        Message = "Opened SQLite database {DatabasePath} (schema {SchemaVersion}, {ReaderCount} readers, synchronous {Synchronous})")]
    private partial void LogOpened(string databasePath, int schemaVersion, int readerCount, SqliteSynchronousMode synchronous);

    [LoggerMessage(EventId = SqliteLogEvents.Closed, Level = LogLevel.Information,
        Message = "Closed SQLite database {DatabasePath} after {WriteRequests} writes in {Transactions} transactions")]
    private partial void LogClosed(string databasePath, long writeRequests, long transactions);

    [LoggerMessage(EventId = SqliteLogEvents.MigrationApplied, Level = LogLevel.Information,
        Message = "Applied schema version {SchemaVersion} to SQLite database {DatabasePath}")]
    private partial void LogMigrationApplied(string databasePath, int schemaVersion);

    [LoggerMessage(EventId = SqliteLogEvents.TransactionLost, Level = LogLevel.Error,
        Message = "SQLite rolled back a write transaction of {DatabasePath}; {LostWrites} writes of the batch failed")]
    private partial void LogTransactionLost(string databasePath, int lostWrites);

    [LoggerMessage(EventId = SqliteLogEvents.CommitFailed, Level = LogLevel.Error,
        Message = "Commit of {Writes} writes to SQLite database {DatabasePath} failed")]
    private partial void LogCommitFailed(Exception exception, string databasePath, int writes);

    [LoggerMessage(EventId = SqliteLogEvents.BeginFailed, Level = LogLevel.Error,
        Message = "Could not begin a write transaction on SQLite database {DatabasePath}")]
    private partial void LogBeginFailed(Exception exception, string databasePath);
}
