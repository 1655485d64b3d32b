using System.Globalization;

namespace PushAuth.Persistence.Sqlite.Internal;

/// <summary>
/// Exclusive ownership of a database file for this process: an OS lock (flock on Unix, a share-none handle on
/// Windows) on <c>{file}.lock</c>, held for as long as the database is open and released by the OS if the process
/// dies. The owner's pid goes into <c>{file}.owner</c>, since a locked file cannot be read by the one refused.
/// </summary>
internal sealed class DatabaseLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _ownerPath;

    private DatabaseLock(FileStream lockStream, string ownerPath)
    {
        _lock = lockStream;
        _ownerPath = ownerPath;
    }

    public static DatabaseLock Acquire(string databasePath)
    {
        var ownerPath = databasePath + ".owner";
        FileStream lockStream;
        try
        {
            lockStream = new FileStream(databasePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new SqliteDatabaseLockedException(databasePath, ReadOwner(ownerPath), ex);
        }
        try
        {
            File.WriteAllText(ownerPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The pid is only a hint for the refusal message; ownership is the lock itself.
        }
        return new DatabaseLock(lockStream, ownerPath);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_ownerPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale owner file is harmless: the next owner overwrites it.
        }
        _lock.Dispose();
    }

    private static int? ReadOwner(string ownerPath)
    {
        try
        {
            return int.TryParse(File.ReadAllText(ownerPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
