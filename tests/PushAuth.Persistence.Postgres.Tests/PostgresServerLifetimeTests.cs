using System.Diagnostics;
using PushAuth.Testing;

namespace PushAuth.Persistence.Postgres.Tests;

/// <summary>The test PostgreSQL server dies with the process that owns it, however that process ends: here it is
/// SIGKILLed, which runs no exit handler (as when vstest kills a test host that does not exit).</summary>
public sealed class PostgresServerLifetimeTests
{
    [Fact]
    public async Task OwnerKilled_ServerStopsAndItsDataIsRemoved()
    {
        using var owner = Process.Start(new ProcessStartInfo("sleep", "300")) ?? throw new InvalidOperationException("Could not start sleep.");
        try
        {
            await using var server = await PostgresServer.StartOwnedByAsync(owner.Id);
            var postmaster = int.Parse(File.ReadLines(Path.Combine(server.DataDirectory, "postmaster.pid")).First());
            Assert.True(Alive(postmaster));

            owner.Kill();
            await owner.WaitForExitAsync();

            await Eventually.UntilAsync(() => !Alive(postmaster) && !Directory.Exists(server.DataDirectory), TimeSpan.FromSeconds(30),
                "the server stops and its data directory is removed once its owner is gone");
        }
        finally
        {
            if (!owner.HasExited)
            {
                owner.Kill();
            }
        }
    }

    // A zombie is gone for our purpose (its parent, init, has yet to reap it).
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
