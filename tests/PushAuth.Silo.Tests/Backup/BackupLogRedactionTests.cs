using Microsoft.Extensions.Logging;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Backup;

/// <summary>Verification, backup, a wrong and a right restore with every log level on: no code, link token, address, blob or passcode is logged.</summary>
public sealed class BackupLogRedactionTests
{
    [Fact]
    public async Task VerifyBackupRestore_EveryLogLevel_NoSecretOrAddressLogged()
    {
        var logs = new CapturingLoggerProvider();
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: BackupTestKit.FastKdf, configure: b =>
        {
            b.Logging.AddProvider(logs);
            b.Logging.SetMinimumLevel(LogLevel.Trace);
        });
        await using var s = await Scenario.OnAsync(silo);
        var old = await s.DeviceAsync();
        await s.PairAsync(old, "alice");
        var started = await old.StartContactVerificationAsync("email", "alice.secret@example.com");
        var first = Assert.Single(await old.ReadDevInboxAsync());
        await old.ConfirmContactLinkAsync(started.VerificationId, first.Link);
        var prepared = await old.PrepareBackupAsync("80604020", BackupTestKit.Accounts(), 1);
        using (var created = await old.SendAsync(HttpMethod.Post, "/v1/device/backups", DeviceClient.CreateBody(started.VerificationId, prepared)))
        {
            created.EnsureSuccessStatusCode();
        }
        var phone = await s.DeviceAsync();
        var sms = await phone.StartContactVerificationAsync("sms", "+15557654321");
        var second = Assert.Single(await phone.ReadDevInboxAsync());
        await phone.ConfirmContactCodeAsync(sms.VerificationId, second.Code);
        var verification = await BackupTestKit.VerifyAsync(phone, "alice.secret@example.com");
        var start = await phone.BeginRestoreAsync(verification);
        (await phone.UnlockAsync(start, verification, "10203040")).Response.Dispose();
        (await phone.UnlockAsync(start, verification, "80604020")).Response.Dispose();
        await Task.Delay(500);

        var secrets = new[]
        {
            first.Code, DeviceClient.LinkToken(first.Link), second.Code, DeviceClient.LinkToken(second.Link), "alice.secret@example.com", "+15557654321",
            "80604020", "10203040", prepared.Blob[..32], prepared.Enrollment[..32], prepared.Salt,
        };
        Assert.NotEmpty(logs.Lines);
        foreach (var line in logs.Lines)
        {
            foreach (var secret in secrets)
            {
                Assert.False(line.Contains(secret, StringComparison.Ordinal), $"'{secret}' is in the log line: {line}");
            }
        }
    }
}
