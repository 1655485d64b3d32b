namespace PushAuth.Persistence.Sqlite.Internal;

/// <summary>Event ids of this assembly's log messages, in one place.</summary>
internal static class SqliteLogEvents
{
    public const int Opened = 7100;
    public const int Closed = 7101;
    public const int MigrationApplied = 7102;
    public const int TransactionLost = 7110;
    public const int CommitFailed = 7111;
    public const int BeginFailed = 7112;
    public const int WriteConflict = 7120;
    public const int ReminderRemoveStale = 7130;
    public const int HistoryConflict = 7140;
}
