using Microsoft.Extensions.Options;
using Npgsql;

namespace PushAuth.Persistence.Postgres;

/// <summary>Checks <see cref="PostgresStorageOptions"/> at start, naming the configuration keys in its messages.</summary>
public sealed class PostgresStorageOptionsValidator : IValidateOptions<PostgresStorageOptions>
{
    private const string Section = PostgresStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}:ConnectionString is required for the PostgreSQL storage (an Npgsql connection string, e.g. \"Host=db;Database=pushauth;Username=pushauth;Password=…\").");
        }
        else
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    failures.Add($"{Section}:ConnectionString has no Host.");
                }
            }
            catch (ArgumentException e)
            {
                // The message names the bad keyword, never the value (it may hold the password).
                failures.Add($"{Section}:ConnectionString is not a valid Npgsql connection string: {e.Message}");
            }
        }
        if (string.IsNullOrWhiteSpace(options.StorageName))
        {
            failures.Add($"{Section}:StorageName must not be empty.");
        }
        if (options.StartupTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:StartupTimeout must be positive (it was {options.StartupTimeout}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
