namespace PushAuth.Hosting.Postgres;

/// <summary>Options of the PostgreSQL cluster storage.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>Npgsql connection string (pooling settings included).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>LISTEN/NOTIFY channel used for cross-silo wake-ups.</summary>
    public string NotificationChannel { get; set; } = "pushauth";
}
