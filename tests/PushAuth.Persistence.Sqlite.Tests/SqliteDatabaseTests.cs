using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PushAuth.Persistence.Sqlite.Internal;

namespace PushAuth.Persistence.Sqlite.Tests;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Constructor_SecondDatabaseOnSameDirectory_IsRefusedWithOneClearLine()
    {
        await using var first = TestStorage.OpenDatabase(_directory.Path);

        var error = Assert.Throws<SqliteDatabaseLockedException>(() => TestStorage.OpenDatabase(_directory.Path));

        Assert.Equal(
            $"The SQLite database '{first.DatabasePath}' is in use by another silo (pid {Environment.ProcessId}?) — stop it, or use PostgreSQL for several silos.",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(Environment.ProcessId, error.OwnerProcessId);
    }

    [Fact]
    public async Task Constructor_WhileOpen_LockIsHeldAgainstOtherProcesses()
    {
        var database = TestStorage.OpenDatabase(_directory.Path);

        Assert.Equal(1, await RunFlockAsync(database.DatabasePath + ".lock"));
        await database.DisposeAsync();
        Assert.Equal(0, await RunFlockAsync(database.DatabasePath + ".lock"));
    }

    [Fact]
    public async Task DisposeAsync_ThenOpenAgain_Succeeds()
    {
        var first = TestStorage.OpenDatabase(_directory.Path);
        await first.DisposeAsync();

        using var second = TestStorage.OpenDatabase(_directory.Path);

        Assert.Equal(first.DatabasePath, second.DatabasePath);
    }

    [Fact]
    public async Task Dispose_Twice_IsHarmless()
    {
        var database = TestStorage.OpenDatabase(_directory.Path);

        database.Dispose();
        database.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => database.WriteAsync(_ => 0, CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => database.ReadAsync(_ => 0, CancellationToken.None));
    }

    [Fact]
    public void Constructor_NoDataDirectory_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<OptionsValidationException>(() => TestStorage.OpenDatabase(""));

        Assert.Contains("PushAuth:Storage:DataDirectory is required", error.Message);
    }

    [Fact]
    public async Task Constructor_NewDirectory_CreatesWalDatabaseWithSchemaVersion()
    {
        var nested = Path.Combine(_directory.Path, "data", "silo");
        await using var database = TestStorage.OpenDatabase(nested);

        Assert.True(File.Exists(Path.Combine(nested, "pushauth.db")));
        Assert.Equal("wal", await TestStorage.ScalarAsync(database, "PRAGMA journal_mode;"));
        // 1: grain state, reminders, history; 2: the user index.
        Assert.Equal(2L, await TestStorage.ScalarAsync(database, "SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(2, database.SchemaVersion);
    }

    [Fact]
    public async Task Constructor_ExistingDatabase_DoesNotApplyTheSchemaAgain()
    {
        await OpenAndCloseAsync();

        await using var database = TestStorage.OpenDatabase(_directory.Path);

        Assert.Equal(2L, await TestStorage.ScalarAsync(database, "SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public async Task Constructor_SchemaNewerThanThisBuild_IsRefused()
    {
        var path = await OpenAndCloseAsync();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (99, 0);";
            await command.ExecuteNonQueryAsync();
        }

        var error = Assert.Throws<InvalidOperationException>(() => TestStorage.OpenDatabase(_directory.Path));

        Assert.Contains("schema version 99", error.Message);
        // The refused open released the lock: the next attempt is refused for the schema again, not for the lock.
        Assert.Throws<InvalidOperationException>(() => TestStorage.OpenDatabase(_directory.Path));
    }

    [Fact]
    public async Task WriteAsync_RequestsQueuedTogether_CommitInOneTransaction()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var gate = await WriterGate.CloseAsync(database);
        var before = database.Statistics;

        var writes = Enumerable.Range(0, 100)
            .Select(i => database.WriteAsync(s => s.Command("INSERT INTO counters (name, value) VALUES ($n, 1);").With("$n", $"c{i}").ExecuteNonQuery(), CancellationToken.None))
            .ToArray();
        gate.Release();
        await gate.Blocker;
        await Task.WhenAll(writes);

        var after = database.Statistics;
        Assert.Equal(101, after.WriteRequests - before.WriteRequests);
        // The blocker's own transaction, then one for all hundred queued behind it.
        Assert.Equal(2, after.Transactions - before.Transactions);
        Assert.Equal(100L, await TestStorage.ScalarAsync(database, "SELECT COUNT(*) FROM counters WHERE name LIKE 'c%';"));
    }

    [Fact]
    public async Task WriteAsync_OneRequestFailsInABatch_OnlyItsChangesAreRolledBack()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var gate = await WriterGate.CloseAsync(database);

        var first = database.WriteAsync(s => Insert(s, "first"), CancellationToken.None);
        var failing = database.WriteAsync<int>(s =>
        {
            Insert(s, "half-done");
            throw new InvalidOperationException("precondition failed");
        }, CancellationToken.None);
        var duplicate = database.WriteAsync(s => Insert(s, "first"), CancellationToken.None);
        var last = database.WriteAsync(s => Insert(s, "last"), CancellationToken.None);
        var transactionsBefore = database.Statistics.Transactions;
        gate.Release();

        Assert.Equal(1, await first);
        Assert.Equal("precondition failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal(SQLitePCL.raw.SQLITE_CONSTRAINT, (await Assert.ThrowsAsync<SqliteException>(() => duplicate)).SqliteErrorCode);
        Assert.Equal(1, await last);
        Assert.Equal(2, database.Statistics.Transactions - transactionsBefore);
        Assert.Equal(0L, await TestStorage.ScalarAsync(database, "SELECT COUNT(*) FROM counters WHERE name = 'half-done';"));
        Assert.Equal(2L, await TestStorage.ScalarAsync(database, "SELECT COUNT(*) FROM counters WHERE name IN ('first', 'last');"));
    }

    [Fact]
    public async Task WriteAsync_AloneInItsTransaction_RunsWithoutASavepoint_AndItsFailureUndoesOnlyItself()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        await database.WriteAsync(s => Insert(s, "before"), CancellationToken.None);
        var transactionsBefore = database.Statistics.Transactions;

        var underSavepoint = await database.WriteAsync(UnderSavepoint, CancellationToken.None);
        var failing = database.WriteAsync<int>(s =>
        {
            Insert(s, "half-done");
            throw new InvalidOperationException("precondition failed");
        }, CancellationToken.None);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var transactionsAfterFailure = database.Statistics.Transactions;
        var next = await database.WriteAsync(s => Insert(s, "after"), CancellationToken.None);

        Assert.False(underSavepoint);
        Assert.Equal("precondition failed", failure.Message);
        // The probe committed; the failed request's transaction was rolled back, not committed.
        Assert.Equal(1, transactionsAfterFailure - transactionsBefore);
        Assert.Equal(1, next);
        Assert.Equal(0L, await TestStorage.ScalarAsync(database, "SELECT COUNT(*) FROM counters WHERE name = 'half-done';"));
        Assert.Equal(2L, await TestStorage.ScalarAsync(database, "SELECT COUNT(*) FROM counters WHERE name IN ('before', 'after');"));
    }

    [Fact]
    public async Task WriteAsync_SeveralInOneTransaction_EachUnderItsSavepoint()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var gate = await WriterGate.CloseAsync(database);

        var first = database.WriteAsync(UnderSavepoint, CancellationToken.None);
        var last = database.WriteAsync(UnderSavepoint, CancellationToken.None);
        gate.Release();

        Assert.True(await first);
        Assert.True(await last);
    }

    [Fact]
    public async Task WriteAsync_OnlyRequestLeftAfterAFailureInItsBatch_FailsAlone()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var gate = await WriterGate.CloseAsync(database);

        var failingFirst = database.WriteAsync<int>(s =>
        {
            Insert(s, "half-done");
            throw new InvalidOperationException("first failed");
        }, CancellationToken.None);
        var failingLast = database.WriteAsync<int>(s =>
        {
            Insert(s, "half-done-too");
            throw new InvalidOperationException("last failed");
        }, CancellationToken.None);
        gate.Release();

        Assert.Equal("first failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => failingFirst)).Message);
        Assert.Equal("last failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => failingLast)).Message);
        Assert.Equal(1, await database.WriteAsync(s => Insert(s, "after"), CancellationToken.None));
        Assert.Equal(0L, await TestStorage.ScalarAsync(database, "SELECT COUNT(*) FROM counters WHERE name LIKE 'half-done%';"));
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileQueued_IsNotRun()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var gate = await WriterGate.CloseAsync(database);
        using var cancellation = new CancellationTokenSource();

        var cancelled = database.WriteAsync(s => Insert(s, "cancelled"), cancellation.Token);
        await cancellation.CancelAsync();
        gate.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(0L, await TestStorage.ScalarAsync(database, "SELECT COUNT(*) FROM counters WHERE name = 'cancelled';"));
    }

    [Fact]
    public async Task WriteAndReadAsync_RunOnTheDatabaseThreads()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);

        var writer = await database.WriteAsync(_ => Thread.CurrentThread.Name, CancellationToken.None);
        var reader = await database.ReadAsync(_ => Thread.CurrentThread.Name, CancellationToken.None);

        Assert.Equal("pushauth-sqlite-writer", writer);
        Assert.StartsWith("pushauth-sqlite-reader-", reader);
    }

    [Fact]
    public async Task DisposeAsync_WithQueuedWrites_CommitsThemFirst()
    {
        var database = TestStorage.OpenDatabase(_directory.Path);
        var gate = await WriterGate.CloseAsync(database);
        var queued = Enumerable.Range(0, 10).Select(i => database.WriteAsync(s => Insert(s, $"q{i}"), CancellationToken.None)).ToArray();

        var disposing = database.DisposeAsync().AsTask();
        gate.Release();
        await disposing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(queued, q => Assert.True(q.IsCompletedSuccessfully));
        await using var reopened = TestStorage.OpenDatabase(_directory.Path);
        Assert.Equal(10L, await TestStorage.ScalarAsync(reopened, "SELECT COUNT(*) FROM counters WHERE name LIKE 'q%';"));
    }

    [Fact]
    public async Task ReadAsync_SeesCommittedWritesFromTheWriter()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);

        await database.WriteAsync(s => Insert(s, "visible"), CancellationToken.None);
        var count = await database.ReadAsync(s => (long)s.Command("SELECT COUNT(*) FROM counters WHERE name = 'visible';").ExecuteScalar()!, CancellationToken.None);

        Assert.Equal(1, count);
    }

    /// <summary>Whether the writer opened its per-request savepoint around this work (rolling back to it undoes nothing:
    /// the probe wrote nothing yet; without it SQLite answers "no such savepoint").</summary>
    private static bool UnderSavepoint(SqliteSession session)
    {
        try
        {
            session.Execute("ROLLBACK TO request;");
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static int Insert(SqliteSession session, string name) =>
        session.Command("INSERT INTO counters (name, value) VALUES ($n, 1);").With("$n", name).ExecuteNonQuery();

    private async Task<string> OpenAndCloseAsync()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        return database.DatabasePath;
    }

    private static async Task<int> RunFlockAsync(string lockPath)
    {
        using var process = Process.Start(new ProcessStartInfo("flock", ["--nonblock", "--conflict-exit-code", "1", lockPath, "true"])
        {
            RedirectStandardError = true,
        })!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return process.ExitCode;
    }
}
