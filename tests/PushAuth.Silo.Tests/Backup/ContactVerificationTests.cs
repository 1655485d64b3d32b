using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing.Messaging;
using Xunit;

namespace PushAuth.Silo.Tests.Backup;

/// <summary>Contact verification through the real senders: SMTP to a server in process, SMS through the Twilio SDK to the fake.</summary>
public sealed class ContactVerificationTests
{
    [Fact]
    public async Task Email_CodeFromRealSmtpServer_Verifies()
    {
        await using var smtp = await SmtpTestServer.StartAsync(new SmtpTestServerOptions(UserName: "relay", Password: "s3cret"));
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: BackupTestKit.Smtp(smtp));
        await using var s = await Scenario.OnAsync(silo);
        var device = await s.DeviceAsync();

        var started = await device.StartContactVerificationAsync("email", "  Alice@Example.COM ");
        var mail = await smtp.WaitForAsync("alice@example.com");
        var code = System.Text.RegularExpressions.Regex.Match(mail.Text, @"\b\d{6}\b").Value;
        var status = await device.ConfirmContactCodeAsync(started.VerificationId, code);

        Assert.Equal(("email", "a***@example.com"), (started.Channel, started.MaskedAddress));
        Assert.Equal("relay", mail.AuthenticatedUser);
        Assert.Contains("/app/verify-contact#t=", mail.Text, StringComparison.Ordinal);
        Assert.Equal("Verified", status.Status);
        Assert.True(status.VerifiedUntil > DateTimeOffset.UtcNow.AddMinutes(14));
        var events = await BackupTestKit.HistoryAsync(silo, HistoryTenants.Devices, "contact.verify", e => e.Any(x => x.Status == "verified"));
        var verified = Assert.Single(events, e => e.Status == "verified");
        Assert.Equal((device.DeviceId, "email"), (verified.DeviceId, verified.Method));
        Assert.Contains("contact=a***@example.com", verified.Remarks, StringComparison.Ordinal);
        Assert.DoesNotContain(code, verified.Remarks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_TappedLink_VerifiesAsTheCodeDoes()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: BackupTestKit.Smtp(smtp));
        await using var s = await Scenario.OnAsync(silo);
        var device = await s.DeviceAsync();

        var started = await device.StartContactVerificationAsync("email", "bob@example.com");
        var mail = await smtp.WaitForAsync("bob@example.com");
        var link = System.Text.RegularExpressions.Regex.Match(mail.Text, @"https?://\S+#t=[A-Za-z0-9_-]+").Value;
        var status = await device.ConfirmContactLinkAsync(started.VerificationId, link);

        Assert.StartsWith(silo.BaseAddress.ToString().TrimEnd('/'), link, StringComparison.Ordinal);
        Assert.Equal("Verified", status.Status);
        using var landing = await silo.Client.GetAsync(new Uri(link).GetLeftPart(UriPartial.Path));
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains("pushauth://verify-contact", await landing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_TwilioFake_TextWithCodeAndLinkVerifies()
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: BackupTestKit.Twilio(twilio));
        await using var s = await Scenario.OnAsync(silo);
        var device = await s.DeviceAsync();

        var started = await device.StartContactVerificationAsync("sms", "+49 151 1234-5678");
        var sms = await twilio.WaitForAsync("+4915112345678");
        var code = System.Text.RegularExpressions.Regex.Match(sms.Body, @"\b\d{6}\b").Value;
        var status = await device.ConfirmContactCodeAsync(started.VerificationId, code);

        Assert.Equal("**********5678", started.MaskedAddress);
        Assert.Equal((FakeTwilioServer.ApiKeySid, FakeTwilioServer.FromNumber), (sms.AuthenticatedAs, sms.From));
        Assert.Contains("#t=", sms.Body, StringComparison.Ordinal);
        Assert.Equal("Verified", status.Status);
    }

    [Fact]
    public async Task DevSinks_InboxShowsADeviceOnlyItsOwnMessages()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        var other = await s.DeviceAsync();

        var started = await phone.StartContactVerificationAsync("sms", "+15551230001");
        var message = Assert.Single(await phone.ReadDevInboxAsync());
        var status = await phone.ConfirmContactLinkAsync(started.VerificationId, message.Link);

        Assert.Equal(("sms", "+15551230001", started.VerificationId), (message.Channel, message.To, message.VerificationId));
        Assert.Matches(@"^\d{6}$", message.Code);
        Assert.Equal("Verified", status.Status);
        Assert.Empty(await other.ReadDevInboxAsync());
    }

    [Fact]
    public async Task Codes_StoredOnlyHashed_NeitherCodeNorTokenOnDisk()
    {
        var data = Path.Combine(Path.GetTempPath(), "pushauth-silo-" + Guid.NewGuid().ToString("N"));
        await using var silo = await SiloTestHost.StartSqliteAsync(data, BackupTestKit.FastKdf);
        await using var s = await Scenario.OnAsync(silo);
        var device = await s.DeviceAsync();

        var started = await device.StartContactVerificationAsync("email", "carol@example.com");
        var message = Assert.Single(await device.ReadDevInboxAsync());
        // A wrong attempt forces another write of the contact's state; the row still holds no code.
        using var wrong = await device.SendAsync(HttpMethod.Post, $"/v1/device/contact-verifications/{started.VerificationId}/confirm",
            new { code = message.Code == "000000" ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);

        var token = DeviceClient.LinkToken(message.Link);
        foreach (var file in Directory.GetFiles(data).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.False(Contains(bytes, message.Code), $"the code is in {Path.GetFileName(file)}");
            Assert.False(Contains(bytes, token), $"the link token is in {Path.GetFileName(file)}");
            Assert.False(Contains(bytes, "carol@example.com"), $"the address is in {Path.GetFileName(file)}");
        }
        Assert.NotEmpty(Directory.GetFiles(data));
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(needle)) >= 0;
}
