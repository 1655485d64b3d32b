using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using PushAuth.Diagnostics;

namespace PushAuth.Persistence.Sqlite;

public sealed partial class SqliteGrainStorage
{
    [LoggerMessage(EventId = LogEvents.SqliteWriteConflict, Level = LogLevel.Debug,
        Message = "{Operation} conflict in grain storage {ProviderName} for {GrainId}/{StateName}: stored ETag {StoredETag}, caller's ETag {CurrentETag}")]
    private partial void LogConflict(string operation, string providerName, GrainId grainId, string stateName, string? storedETag, string? currentETag);
}
