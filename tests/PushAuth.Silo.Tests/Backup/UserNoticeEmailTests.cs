using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Admin;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using PushAuth.Testing.Messaging;
using Xunit;

namespace PushAuth.Silo.Tests.Backup;

/// <summary>A user whose backup was made for a verified email address is told by email, through a real SMTP server, when
/// an admin issues a temporary code or revokes all their methods; after the backup is deleted, no longer.</summary>
public sealed partial class UserNoticeEmailTests
{
    [Fact]
    public async Task TemporaryCodeAndRevokeAll_UserWithBackupForVerifiedEmail_EmailedWithoutTheCode()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: BackupTestKit.Smtp(smtp));
        await using var s = await Scenario.OnAsync(silo);
        var device = await s.DeviceAsync();
        await s.PairAsync(device, "alice");
        var started = await device.StartContactVerificationAsync("email", "alice@example.com");
        var verification = await smtp.WaitForAsync("alice@example.com");
        await device.ConfirmContactCodeAsync(started.VerificationId, SixDigits().Match(verification.Text).Value);
        await device.CreateBackupAsync(started.VerificationId, "4711", BackupTestKit.Accounts(), 2);
        await Eventually.UntilAsync(async () => await NoticeContactAsync(silo, "alice") is not null, TimeSpan.FromSeconds(20), "the backup links the contact");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;

        using var issued = await console.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 2 });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var code = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        await Eventually.UntilAsync(() => smtp.Received.Count(m => m.To.Contains("alice@example.com")) >= 2, TimeSpan.FromSeconds(20), "the temporary-code notice");
        using (var revoked = await console.PostAsJsonAsync("/v1/admin/users/alice/revoke-all", new { reason = "stolen" }))
        {
            Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
        }
        await Eventually.UntilAsync(() => smtp.Received.Count(m => m.To.Contains("alice@example.com")) >= 3, TimeSpan.FromSeconds(20), "the revocation notice");

        var notices = smtp.Received.Where(m => m.To.Contains("alice@example.com")).Skip(1).ToList();
        Assert.Equal("A temporary sign-in code was issued for your account", notices[0].Message.Subject);
        Assert.Contains("alice (acme)", notices[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(code, notices[0].Text, StringComparison.Ordinal);
        Assert.Equal("Your sign-in methods were revoked", notices[1].Message.Subject);
        Assert.Contains("reason: stolen", notices[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemporaryCode_BackupDeleted_NoEmail()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: BackupTestKit.FastKdf);
        await using var s = await Scenario.OnAsync(silo);
        var (device, backup) = await BackupTestKit.BackedUpDeviceAsync(s, "bob@example.com", "4711", "bob");
        await Eventually.UntilAsync(async () => await NoticeContactAsync(silo, "bob") is not null, TimeSpan.FromSeconds(20), "the backup links the contact");

        await device.DeleteBackupAsync(backup.BackupId);
        await Eventually.UntilAsync(async () => await NoticeContactAsync(silo, "bob") is null, TimeSpan.FromSeconds(20), "the deleted backup unlinks the contact");
        var hal = await s.ConsoleAdminAsync("ManageMfa");
        var console = hal.Client;
        using var issued = await console.PostAsJsonAsync("/v1/admin/users/bob/temporary-codes", new { validityHours = 1 });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var inbox = silo.Services.GetRequiredService<PushAuth.Messaging.IDevContactInbox>();
        Assert.Single(await inbox.ForAddressAsync("bob@example.com")); // the verification code only
    }

    /// <summary>The user's stored contact key, read through the silo's grain storage as raw JSON.</summary>
    private static async Task<string?> NoticeContactAsync(SiloTestHost silo, string userId)
    {
        var storage = silo.Services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(PushAuth.Grains.Storage.StorageNames.Default);
        var stored = new Orleans.GrainState<JsonElement>();
        await storage.ReadStateAsync("user", Orleans.Runtime.GrainId.Create("user", GrainKeys.User("acme", userId)), stored);
        return stored.RecordExists && stored.State.TryGetProperty("recovery", out var r) && r.TryGetProperty("noticeContactKey", out var k) ? k.GetString() : null;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
