namespace PushAuth.Persistence.Postgres;

/// <summary>Options of the PostgreSQL deployment (configuration section <c>PushAuth:Storage</c>).</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>The configuration section these options are bound from by the host.</summary>
    public const string SectionName = "PushAuth:Storage";

    /// <summary>The name under which the grain storage is registered (besides being the default storage).</summary>
    public const string DefaultStorageName = "PushAuth";

    /// <summary>Npgsql connection string, shared by clustering, grain storage, reminders and the history store.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Name of the grain storage provider; <c>[PersistentState("x", "PushAuth")]</c> and the default storage both resolve to it.</summary>
    public string StorageName { get; set; } = DefaultStorageName;

    /// <summary>How long a starting silo keeps retrying while PostgreSQL is unreachable before it gives up.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
