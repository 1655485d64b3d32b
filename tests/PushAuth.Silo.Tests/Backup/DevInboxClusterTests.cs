using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Backup;

/// <summary>The development inbox is one for the cluster: a developer running two silos reads a code through either.</summary>
public sealed class DevInboxClusterTests
{
    [Fact]
    public async Task DevInbox_TwoSilos_EveryMessageReadableThroughEither()
    {
        var db = await SiloTestHost.CreatePostgresDatabaseAsync();
        await using var first = await SiloTestHost.StartPostgresAsync(db, BackupTestKit.FastKdf);
        await using var second = await SiloTestHost.StartPostgresAsync(db, BackupTestKit.FastKdf);
        using var firstHttp = new HttpClient { BaseAddress = first.BaseAddress };
        using var secondHttp = new HttpClient { BaseAddress = second.BaseAddress };
        using var key = DeviceKeyPair.Create();
        var viaFirst = new DeviceClient(firstHttp, key);
        await viaFirst.RegisterAsync();
        var viaSecond = new DeviceClient(secondHttp, key);
        viaSecond.UseDevice(viaFirst.DeviceId!);

        // Each contact is its own grain, placed on either silo; whichever silo sent a message, both must show it
        // (a per-process inbox shows each message through one silo only, so the first message already fails).
        for (var i = 0; i < 6; i++)
        {
            var started = await viaFirst.StartContactVerificationAsync("email", $"dev{i}@example.com");
            foreach (var reader in new[] { viaFirst, viaSecond })
            {
                Assert.Contains(await reader.ReadDevInboxAsync(), m => m.VerificationId == started.VerificationId);
            }
        }
    }
}
