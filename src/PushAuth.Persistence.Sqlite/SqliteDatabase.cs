using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PushAuth.Persistence.Sqlite.Internal;

namespace PushAuth.Persistence.Sqlite;

/// <summary>
/// The silo's embedded database: one SQLite file in WAL mode in the data directory, owned by this process through an
/// exclusive OS lock beside it. Microsoft.Data.Sqlite is synchronous underneath, so no SQLite call runs on a caller's
/// thread (Orleans' scheduler, the thread pool): writes go to one dedicated writer thread that takes every pending
/// request, runs them in one transaction (each under its own savepoint, unless it is alone in the transaction) and commits
/// once (group commit); reads run on
/// a few dedicated reader threads, each with its own connection, in parallel with the writer (WAL).
/// </summary>
public sealed partial class SqliteDatabase : IDisposable, IAsyncDisposable
{
    private readonly SqliteStorageOptions _options;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly DatabaseLock _lock;
    private readonly BlockingCollection<WriteRequest> _writes = [];
    private readonly BlockingCollection<ReadRequest> _reads = [];
    private readonly Thread _writerThread;
    private readonly Thread[] _readerThreads;
    private readonly TaskCompletionSource _writerExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource[] _readersExited;
    private long _writeRequests;
    private long _transactions;
    private long _failedBatches;
    private long _readCount;
    private int _closing;
    private int _lockReleased;

    /// <summary>Opens (and creates or migrates) the database and starts its threads. Throws
    /// <see cref="SqliteDatabaseLockedException"/> when another process or silo owns the directory.</summary>
    public SqliteDatabase(IOptions<SqliteStorageOptions> options, TimeProvider timeProvider, ILogger<SqliteDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        TimeProvider = timeProvider;
        _logger = logger;
        var validation = new SqliteStorageOptionsValidator().Validate(Options.DefaultName, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SqliteStorageOptions), validation.Failures);
        }

        var directory = Path.GetFullPath(_options.DataDirectory);
        Directory.CreateDirectory(directory);
        DatabasePath = Path.Combine(directory, _options.FileName);
        _lock = DatabaseLock.Acquire(DatabasePath);

        SqliteSession? writer = null;
        var readers = new List<SqliteSession>();
        try
        {
            writer = new SqliteSession(Open(SqliteOpenMode.ReadWriteCreate));
            ConfigureWriter(writer);
            SchemaVersion = Migrate(writer);
            for (var i = 0; i < _options.ReaderCount; i++)
            {
                var reader = new SqliteSession(Open(SqliteOpenMode.ReadWrite));
                reader.Execute("PRAGMA query_only = ON;");
                readers.Add(reader);
            }
        }
        catch
        {
            writer?.Dispose();
            readers.ForEach(r => r.Dispose());
            _lock.Dispose();
            throw;
        }

        var writerSession = writer;
        _writerThread = new Thread(() => RunWriter(writerSession)) { IsBackground = true, Name = "pushauth-sqlite-writer" };
        _readerThreads = new Thread[readers.Count];
        _readersExited = new TaskCompletionSource[readers.Count];
        for (var i = 0; i < readers.Count; i++)
        {
            var session = readers[i];
            var exited = _readersExited[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _readerThreads[i] = new Thread(() => RunReader(session, exited)) { IsBackground = true, Name = $"pushauth-sqlite-reader-{i}" };
        }
        _writerThread.Start();
        Array.ForEach(_readerThreads, t => t.Start());
        LogOpened(DatabasePath, SchemaVersion, _options.ReaderCount, _options.Synchronous);
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version of the open database.</summary>
    public int SchemaVersion { get; }

    /// <summary>Counters since open: write requests versus committed transactions shows the group commit at work.</summary>
    public SqliteDatabaseStatistics Statistics => new(
        Interlocked.Read(ref _writeRequests), Interlocked.Read(ref _transactions), Interlocked.Read(ref _failedBatches), Interlocked.Read(ref _readCount));

    internal TimeProvider TimeProvider { get; }

    /// <summary>Queues <paramref name="work"/> for the writer thread. It runs inside the batch transaction under its own
    /// savepoint (or alone in it): if it throws, only its changes are rolled back and the caller gets its exception. The task completes
    /// after the batch committed. A request cancelled before the writer reaches it is not run.</summary>
    internal Task<T> WriteAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        var request = new WriteRequest<T>(work, cancellationToken);
        try
        {
            _writes.Add(request, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            return Task.FromException<T>(Closed());
        }
        return request.Task;
    }

    /// <summary>Queues <paramref name="work"/> for a reader thread (autocommit reads on a read-only connection).</summary>
    internal Task<T> ReadAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        var request = new ReadRequest<T>(work, cancellationToken);
        try
        {
            _reads.Add(request, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            request.Dispose();
            return Task.FromException<T>(Closed());
        }
        return request.Task;
    }

    /// <summary>Stops taking requests, lets the writer finish what is queued, closes every connection and releases
    /// the lock, so the directory can be opened again (by a restarted silo in this process, or another).</summary>
    public async ValueTask DisposeAsync()
    {
        StopAccepting();
        await _writerExited.Task.ConfigureAwait(false);
        await Task.WhenAll(_readersExited.Select(e => e.Task)).ConfigureAwait(false);
        ReleaseLock();
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        StopAccepting();
        if (Thread.CurrentThread != _writerThread)
        {
            _writerThread.Join();
        }
        foreach (var reader in _readerThreads)
        {
            if (Thread.CurrentThread != reader)
            {
                reader.Join();
            }
        }
        ReleaseLock();
    }

    private ObjectDisposedException Closed() => new(nameof(SqliteDatabase), $"The SQLite database '{DatabasePath}' is closed.");

    private void StopAccepting()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            _writes.CompleteAdding();
            _reads.CompleteAdding();
        }
    }

    private void ReleaseLock()
    {
        if (Interlocked.Exchange(ref _lockReleased, 1) == 0)
        {
            _lock.Dispose();
            LogClosed(DatabasePath, Statistics.WriteRequests, Statistics.Transactions);
        }
    }

    private SqliteConnection Open(SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            // Without pooling, closing really closes the file: the lock and the files are free after Dispose.
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private void ConfigureWriter(SqliteSession writer)
    {
        using (var journal = writer.Connection.CreateCommand())
        {
            journal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = Convert.ToString(journal.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The SQLite database '{DatabasePath}' could not switch to WAL mode (journal mode is '{mode}').");
            }
        }
        var synchronous = _options.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
        using var pragmas = writer.Connection.CreateCommand();
        pragmas.CommandText = $"PRAGMA synchronous = {synchronous}; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 67108864;";
        pragmas.ExecuteNonQuery();
    }

    private int Migrate(SqliteSession writer)
    {
        writer.Execute(SqliteSchema.CreateVersionTable);
        using var current = writer.Connection.CreateCommand();
        current.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        var applied = Convert.ToInt32(current.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (applied > SqliteSchema.CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The SQLite database '{DatabasePath}' has schema version {applied}, newer than this build knows ({SqliteSchema.CurrentVersion}). Run a newer build.");
        }
        for (var version = applied + 1; version <= SqliteSchema.CurrentVersion; version++)
        {
            using var transaction = writer.Connection.BeginTransaction();
            using (var migration = writer.Connection.CreateCommand())
            {
                migration.Transaction = transaction;
                migration.CommandText = SqliteSchema.Migrations[version - 1];
                migration.ExecuteNonQuery();
            }
            using (var record = writer.Connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $at);";
                record.Parameters.AddWithValue("$version", version);
                record.Parameters.AddWithValue("$at", TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
            }
            transaction.Commit();
            LogMigrationApplied(DatabasePath, version);
        }
        return SqliteSchema.CurrentVersion;
    }

    private void RunWriter(SqliteSession session)
    {
        var batch = new List<WriteRequest>(_options.MaxBatchSize);
        try
        {
            while (_writes.TryTake(out var first, Timeout.Infinite))
            {
                batch.Add(first);
                while (batch.Count < _options.MaxBatchSize && _writes.TryTake(out var next))
                {
                    batch.Add(next);
                }
                RunBatch(session, batch);
                batch.Clear();
            }
            TryCheckpoint(session);
        }
        finally
        {
            session.Dispose();
            _writerExited.TrySetResult();
        }
    }

    private void RunBatch(SqliteSession session, List<WriteRequest> batch)
    {
        // Requests whose work ran and whose changes are in the open transaction, and requests that failed on their
        // own (rolled back to their savepoint): both are answered after the commit.
        var executed = new List<WriteRequest>(batch.Count);
        var settled = new List<WriteRequest>();
        var index = 0;
        while (true)
        {
            try
            {
                session.Execute("BEGIN IMMEDIATE;");
            }
            catch (Exception ex)
            {
                LogBeginFailed(ex, DatabasePath);
                Interlocked.Increment(ref _failedBatches);
                for (; index < batch.Count; index++)
                {
                    batch[index].Fail(ex);
                }
                settled.ForEach(r => r.Complete());
                return;
            }
            var transactionLost = false;
            var aloneFailed = false;
            for (; index < batch.Count && !transactionLost; index++)
            {
                var request = batch[index];
                if (request.CancellationToken.IsCancellationRequested)
                {
                    request.Cancel();
                    continue;
                }
                // Alone in its transaction (nothing ran before it, nothing queued after it): a failure rolls the whole
                // transaction back, which undoes exactly its changes, so it needs no savepoint pair (the common case at
                // low rates, where most batches hold one request).
                if (executed.Count == 0 && index == batch.Count - 1)
                {
                    if (RunAlone(session, request))
                    {
                        executed.Add(request);
                    }
                    else
                    {
                        settled.Add(request);
                        aloneFailed = true;
                    }
                    continue;
                }
                if (RunInSavepoint(session, request))
                {
                    executed.Add(request);
                    continue;
                }
                settled.Add(request);
                if (!InTransaction(session))
                {
                    // SQLite rolled the whole transaction back (I/O error, disk full): what the earlier requests of
                    // this transaction wrote is gone, so they fail too; the rest go into a new transaction.
                    LogTransactionLost(DatabasePath, executed.Count);
                    var lost = new SqliteTransactionLostException(DatabasePath);
                    executed.ForEach(r => r.Fail(lost));
                    executed.Clear();
                    transactionLost = true;
                }
            }
            if (transactionLost)
            {
                if (index < batch.Count)
                {
                    continue;
                }
                break;
            }
            if (aloneFailed)
            {
                // Rolled back by RunAlone: nothing to commit.
                break;
            }
            try
            {
                session.Execute("COMMIT;");
            }
            catch (Exception ex)
            {
                LogCommitFailed(ex, DatabasePath, executed.Count);
                Interlocked.Increment(ref _failedBatches);
                TryRollback(session);
                executed.ForEach(r => r.Fail(ex));
                settled.ForEach(r => r.Complete());
                return;
            }
            Interlocked.Increment(ref _transactions);
            break;
        }
        Interlocked.Add(ref _writeRequests, executed.Count + settled.Count);
        executed.ForEach(r => r.Complete());
        settled.ForEach(r => r.Complete());
    }

    /// <summary>Runs the transaction's only request without a savepoint; false when it threw (the transaction is then
    /// rolled back, which undoes its changes and nothing else).</summary>
    private static bool RunAlone(SqliteSession session, WriteRequest request)
    {
        try
        {
            request.Execute(session);
            return true;
        }
        catch (Exception)
        {
            TryRollback(session);
            return false;
        }
    }

    /// <summary>Runs one request under a savepoint; false when it threw (its changes are rolled back if the
    /// transaction survived).</summary>
    private static bool RunInSavepoint(SqliteSession session, WriteRequest request)
    {
        try
        {
            session.Execute("SAVEPOINT request;");
        }
        catch (Exception ex)
        {
            request.Fail(ex);
            return false;
        }
        try
        {
            request.Execute(session);
            session.Execute("RELEASE request;");
            return true;
        }
        catch (Exception)
        {
            if (InTransaction(session))
            {
                try
                {
                    session.Execute("ROLLBACK TO request;");
                    session.Execute("RELEASE request;");
                }
                catch (SqliteException)
                {
                    TryRollback(session);
                }
            }
            return false;
        }
    }

    private static bool InTransaction(SqliteSession session) => SQLitePCL.raw.sqlite3_get_autocommit(session.Connection.Handle) == 0;

    private static void TryRollback(SqliteSession session)
    {
        if (!InTransaction(session))
        {
            return;
        }
        try
        {
            session.Execute("ROLLBACK;");
        }
        catch (SqliteException)
        {
            // Nothing more to undo: the connection is back in autocommit or unusable, and the next BEGIN says which.
        }
    }

    private void TryCheckpoint(SqliteSession session)
    {
        try
        {
            session.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException)
        {
            // Closing the last connection checkpoints anyway; a busy reader only delays it to the next open.
        }
    }

    private void RunReader(SqliteSession session, TaskCompletionSource exited)
    {
        try
        {
            foreach (var request in _reads.GetConsumingEnumerable())
            {
                request.Run(session);
                Interlocked.Increment(ref _readCount);
            }
        }
        finally
        {
            session.Dispose();
            exited.TrySetResult();
        }
    }
}
