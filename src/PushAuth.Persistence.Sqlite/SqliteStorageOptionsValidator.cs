using Microsoft.Extensions.Options;

namespace PushAuth.Persistence.Sqlite;

/// <summary>Checks <see cref="SqliteStorageOptions"/> at start, naming the configuration key of each problem.</summary>
public sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    private const string Section = SqliteStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{Section}:{nameof(options.DataDirectory)} is required: the directory of the embedded SQLite database (for example /var/lib/pushauth).");
        }
        else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Section}:{nameof(options.DataDirectory)} '{options.DataDirectory}' is not a valid path.");
        }
        if (string.IsNullOrWhiteSpace(options.FileName) || options.FileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            failures.Add($"{Section}:{nameof(options.FileName)} '{options.FileName}' must be a plain file name (no directory).");
        }
        if (options.ReaderCount is < 1 or > 64)
        {
            failures.Add($"{Section}:{nameof(options.ReaderCount)} is {options.ReaderCount}; it must be between 1 and 64.");
        }
        if (options.MaxBatchSize is < 1 or > 100_000)
        {
            failures.Add($"{Section}:{nameof(options.MaxBatchSize)} is {options.MaxBatchSize}; it must be between 1 and 100000.");
        }
        if (!Enum.IsDefined(options.Synchronous))
        {
            failures.Add($"{Section}:{nameof(options.Synchronous)} must be {nameof(SqliteSynchronousMode.Full)} or {nameof(SqliteSynchronousMode.Normal)}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
