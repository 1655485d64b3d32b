using System.Diagnostics;
using PushAuth.Testing;

namespace PushAuth.Persistence.AzureStorage.Tests;

/// <summary>The test Azurite dies with the process that owns it, however that process ends: here it is SIGKILLed,
/// which runs no exit handler (as when vstest kills a test host that does not exit).</summary>
public sealed class AzuriteServerLifetimeTests
{
    [Fact]
    public async Task OwnerKilled_ServerStopsAndItsDataIsRemoved()
    {
        using var owner = Process.Start(new ProcessStartInfo("sleep", "300")) ?? throw new InvalidOperationException("Could not start sleep.");
        try
        {
            await using var server = await AzuriteServer.StartOwnedByAsync(owner.Id);
            Assert.True(server.IsRunning);
            Assert.True(await LoopbackPort.AnswersAsync(server.TablePort));

            owner.Kill();
            await owner.WaitForExitAsync();

            // IsRunning turns false only once node has exited: its watcher shell waits for it.
            await Eventually.UntilAsync(async () => !server.IsRunning && !await LoopbackPort.AnswersAsync(server.TablePort) && !Directory.Exists(server.DataDirectory),
                TimeSpan.FromSeconds(30), "Azurite stops and its data directory is removed once its owner is gone");
        }
        finally
        {
            if (!owner.HasExited)
            {
                owner.Kill();
            }
        }
    }
}
