using Microsoft.Data.Sqlite;

namespace PushAuth.Persistence.Sqlite.Internal;

/// <summary>Short parameter helpers: nulls become <see cref="DBNull"/>.</summary>
internal static class SqliteParameters
{
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? NullableString(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
