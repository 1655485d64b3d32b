using Microsoft.Extensions.Logging;
using PushAuth.Persistence.Sqlite.Internal;

namespace PushAuth.Persistence.Sqlite;

public sealed partial class SqliteHistoryStore
{
    [LoggerMessage(EventId = SqliteLogEvents.HistoryConflict, Level = LogLevel.Warning,
        Message = "History append for tenant {TenantId} from sequence {FirstSequence} ({Count} records) conflicted with stored entries; nothing was written")]
    private partial void LogConflict(string tenantId, long firstSequence, int count);
}
