namespace PushAuth.Silo;

/// <summary>Bound from <c>PushAuth:Storage</c>.</summary>
public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>SQLite data directory (Provider=Sqlite).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Npgsql connection string (Provider=Postgres).</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Which storage engine the silo uses.</summary>
public enum StorageProvider
{
    /// <summary>Embedded, one silo.</summary>
    Sqlite,

    /// <summary>Shared by any number of silos.</summary>
    Postgres,
}
