using Microsoft.Extensions.Logging;
using PushAuth.Diagnostics;

namespace PushAuth.Persistence.Sqlite;

public sealed partial class SqliteHistoryStore
{
    [LoggerMessage(EventId = LogEvents.SqliteHistoryConflict, Level = LogLevel.Warning,
        Message = "History append for tenant {TenantId} from sequence {FirstSequence} ({Count} records) conflicted with stored entries; nothing was written")]
    private partial void LogConflict(string tenantId, long firstSequence, int count);
}
