using Microsoft.Data.Sqlite;
using Orleans.Runtime;

namespace PushAuth.Persistence.Sqlite.Internal;

/// <summary>The key of a grain state row: service id, grain type, grain key and state name.</summary>
internal readonly struct RowKey(string serviceId, GrainId grainId, string stateName)
{
    private readonly string _type = grainId.Type.ToString()!;
    private readonly string _key = grainId.Key.ToString()!;

    public SqliteCommand Bind(SqliteCommand command) => command
        .With("$service", serviceId)
        .With("$type", _type)
        .With("$key", _key)
        .With("$state", stateName);
}
