using System.Data.Common;
using Npgsql;
using Orleans.Serialization;
using PushAuth.Persistence.Postgres;

namespace PushAuth.Silo.Http;

/// <summary>Recognises a database that is down or restarting anywhere in an exception's chain: Orleans' storage
/// providers and grain activation wrap the Npgsql error, and an error raised on another silo may arrive as a fallback
/// that only names its type. Such a request is safe to retry, so it is a 503 with Retry-After, not a 500.</summary>
internal static class StorageFaults
{
    public static bool IsUnavailable(Exception exception) => Walk(exception, depth: 0);

    private static bool Walk(Exception? e, int depth)
    {
        if (e is null || depth > 10)
        {
            return false;
        }
        if (IsTransient(e))
        {
            return true;
        }
        if (e is AggregateException aggregate)
        {
            return aggregate.InnerExceptions.Any(inner => Walk(inner, depth + 1));
        }
        return Walk(e.InnerException, depth + 1);
    }

    private static bool IsTransient(Exception e) => e switch
    {
        PostgresUnavailableException => true,
        // 08 connection exception, 53 insufficient resources, 57P operator intervention (admin/crash shutdown, cannot connect now).
        PostgresException { SqlState: { } state } pg => pg.IsTransient || state.StartsWith("08", StringComparison.Ordinal)
            || state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal),
        // Not a server error: the connection itself failed (refused, reset, broken by a restart, timed out).
        NpgsqlException => true,
        DbException db => db.IsTransient,
        UnavailableExceptionFallbackException fallback => fallback.ExceptionType?.Contains("Npgsql", StringComparison.Ordinal) == true,
        // Orleans' StateStorageBridge flattens the provider's error into the message, and a call from another silo
        // arrives without the inner exception: only the text says the database was unreachable.
        OrleansException orleans => orleans.Message.StartsWith("Error from storage provider", StringComparison.Ordinal) && NamesTransientDatabaseError(orleans.Message),
        // Orleans has no codec for Npgsql's exceptions, so a grain call to another silo that failed with one comes back
        // as this, without the SQLSTATE. Under a restart it is the connection error or 57P01 admin shutdown; a genuine
        // SQL error would also land here, but it is logged with its state on the silo that ran the grain.
        CodecNotFoundException codec => codec.Message.Contains("for type Npgsql.", StringComparison.Ordinal),
        _ => false,
    };

    private static bool NamesTransientDatabaseError(string message) =>
        message.Contains("Exc level 0: Npgsql.NpgsqlException", StringComparison.Ordinal)
        || message.Contains("Npgsql.PostgresException: 57P", StringComparison.Ordinal)
        || message.Contains("Npgsql.PostgresException: 08", StringComparison.Ordinal)
        || message.Contains("Npgsql.PostgresException: 53", StringComparison.Ordinal)
        || message.Contains(nameof(PostgresUnavailableException), StringComparison.Ordinal);
}
