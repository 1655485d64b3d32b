using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using PushAuth.Diagnostics;

namespace PushAuth.Persistence.Sqlite;

public sealed partial class SqliteReminderTable
{
    [LoggerMessage(EventId = LogEvents.SqliteReminderRemoveStale, Level = LogLevel.Debug,
        Message = "Reminder {ReminderName} of {GrainId} was not removed: ETag {ETag} is not the stored one")]
    private partial void LogRemoveStale(GrainId grainId, string reminderName, string eTag);
}
