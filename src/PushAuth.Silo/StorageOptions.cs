namespace PushAuth.Silo;

/// <summary>Bound from <c>PushAuth:Storage</c>.</summary>
public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>SQLite data directory (Provider=Sqlite). Unset: the user's local application data folder
    /// (<c>~/.local/share/pushauth</c> on Linux); a relative path is under the silo's own directory, never the working directory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The SQLite directory this silo uses.</summary>
    public string ResolvedDataDirectory(string contentRoot) => DataDirectory switch
    {
        null or "" => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "pushauth"),
        { } path when Path.IsPathRooted(path) => path,
        { } path => Path.GetFullPath(Path.Combine(contentRoot, path)),
    };

    /// <summary>How long a starting silo retries an unreachable PostgreSQL before it gives up (Provider=Postgres).</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Npgsql connection string (Provider=Postgres) or Azure Storage connection string (Provider=AzureStorage).</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Which deployment the silo runs: each is a configuration of the same binary.</summary>
public enum StorageProvider
{
    /// <summary>Embedded: one silo, localhost clustering, state, reminders and history in one SQLite file.</summary>
    Sqlite,

    /// <summary>Orleans' ADO.NET clustering, persistence and reminders on PostgreSQL: any number of silos.</summary>
    Postgres,

    /// <summary>Orleans' Azure Table clustering, persistence and reminders: any number of silos.</summary>
    AzureStorage,
}
