namespace PushAuth.Persistence.Postgres;

/// <summary>PostgreSQL could not be reached (or refused the connection) while the silo was starting.</summary>
public sealed class PostgresUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
