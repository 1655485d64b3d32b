using Microsoft.Data.Sqlite;

namespace PushAuth.Persistence.Sqlite.Internal;

/// <summary>
/// One connection and its prepared commands, owned by one thread (the writer or a reader). SQLite parses and
/// plans a statement once per command; reusing the command by its SQL text skips that on every later call.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteSession(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>The prepared command for <paramref name="sql"/>, its parameters cleared for this use.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Prepare();
            _commands.Add(sql, command);
        }
        command.Parameters.Clear();
        return command;
    }

    /// <summary>Runs <paramref name="sql"/> (prepared and reused) and returns the number of rows it changed.</summary>
    public int Execute(string sql)
    {
        return Command(sql).ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
        Connection.Dispose();
    }
}
