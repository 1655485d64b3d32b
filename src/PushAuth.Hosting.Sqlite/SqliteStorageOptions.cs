namespace PushAuth.Hosting.Sqlite;

/// <summary>Options of the embedded SQLite storage.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Folder holding <c>pushauth.db</c> and its lock file. Created when missing.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>File name of the database inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; set; } = "pushauth.db";
}
