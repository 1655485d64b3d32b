using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing.Messaging;
using Xunit;

namespace PushAuth.Silo.Tests.Backup;

/// <summary>Every bad contact-verification input gets a clear problem+json 4xx and verifies nothing.</summary>
public sealed class ContactVerificationBadInputTests
{
    // PushAuth:Contact:SendsPerDevicePerHour and SendsPerSourcePerHour by default (README, "Backup and restore").
    private const int DefaultSendsPerDevicePerHour = 10;
    private const int DefaultSendsPerSourcePerHour = 30;

    private static Task<HttpResponseMessage> ConfirmAsync(DeviceClient device, string verificationId, object body) =>
        device.SendAsync(HttpMethod.Post, $"/v1/device/contact-verifications/{verificationId}/confirm", body);

    private static string Wrong(string code) => code == "000000" ? "111111" : "000000";

    [Fact]
    public async Task Confirm_WrongCode_422WithAttemptsLeft_FifthLocksTheCodeEvenForTheRightOne()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var started = await device.StartContactVerificationAsync("email", "dave@example.com");
        var code = Assert.Single(await device.ReadDevInboxAsync()).Code;

        for (var i = 1; i <= 4; i++)
        {
            var problem = await BackupTestKit.AssertProblemAsync(await ConfirmAsync(device, started.VerificationId, new { code = Wrong(code) }), HttpStatusCode.UnprocessableEntity, "code.wrong");
            Assert.Contains($"{5 - i} attempts left", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        await BackupTestKit.AssertProblemAsync(await ConfirmAsync(device, started.VerificationId, new { code = Wrong(code) }), HttpStatusCode.TooManyRequests, "code.too-many-attempts");
        await BackupTestKit.AssertProblemAsync(await ConfirmAsync(device, started.VerificationId, new { code }), HttpStatusCode.TooManyRequests, "code.too-many-attempts");

        var events = await BackupTestKit.HistoryAsync(s.Silos[0], HistoryTenants.Devices, "contact.verify", e => e.Count >= 6);
        Assert.Equal(4, events.Count(e => e.Status == "wrong-code"));
        Assert.Equal(2, events.Count(e => e.Status == "too-many-attempts"));
        Assert.DoesNotContain(events, e => e.Status == "verified");
    }

    [Fact]
    public async Task Confirm_AfterTenMinutes_410Expired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await SiloTestHost.StartSqliteAsync(configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        await using var s = await Scenario.OnAsync(silo);
        var device = await s.DeviceAsync();
        var started = await device.StartContactVerificationAsync("email", "erin@example.com");
        var code = Assert.Single(await device.ReadDevInboxAsync()).Code;

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        await BackupTestKit.AssertProblemAsync(await ConfirmAsync(device, started.VerificationId, new { code }), HttpStatusCode.Gone, "code.expired");
    }

    [Fact]
    public async Task Confirm_CodeUsedTwice_410Used()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var started = await device.StartContactVerificationAsync("email", "frank@example.com");
        var message = Assert.Single(await device.ReadDevInboxAsync());
        await device.ConfirmContactCodeAsync(started.VerificationId, message.Code);

        await BackupTestKit.AssertProblemAsync(await ConfirmAsync(device, started.VerificationId, new { code = message.Code }), HttpStatusCode.Gone, "code.used");
        await BackupTestKit.AssertProblemAsync(await ConfirmAsync(device, started.VerificationId, new { linkToken = DeviceClient.LinkToken(message.Link) }), HttpStatusCode.Gone, "code.used");
    }

    [Fact]
    public async Task Confirm_OlderCodeAfterANewOne_410Superseded()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await SiloTestHost.StartSqliteAsync(configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        await using var s = await Scenario.OnAsync(silo);
        var device = await s.DeviceAsync();
        var first = await device.StartContactVerificationAsync("email", "gina@example.com");
        var firstCode = Assert.Single(await device.ReadDevInboxAsync()).Code;
        clock.Advance(TimeSpan.FromSeconds(31));
        var second = await device.StartContactVerificationAsync("email", "gina@example.com");

        await BackupTestKit.AssertProblemAsync(await ConfirmAsync(device, first.VerificationId, new { code = firstCode }), HttpStatusCode.Gone, "code.superseded");
        var secondCode = (await device.ReadDevInboxAsync())[0].Code;
        Assert.Equal("Verified", (await device.ConfirmContactCodeAsync(second.VerificationId, secondCode)).Status);
    }

    [Fact]
    public async Task Confirm_AnotherDevicesVerification_404AndItStaysPending()
    {
        await using var s = await Scenario.SqliteAsync();
        var owner = await s.DeviceAsync();
        var thief = await s.DeviceAsync();
        var started = await owner.StartContactVerificationAsync("email", "hank@example.com");
        var code = Assert.Single(await owner.ReadDevInboxAsync()).Code;

        await BackupTestKit.AssertProblemAsync(await ConfirmAsync(thief, started.VerificationId, new { code }), HttpStatusCode.NotFound, "verification.not-found");
        await BackupTestKit.AssertProblemAsync(await ConfirmAsync(thief, "cv_not-a-real-id", new { code }), HttpStatusCode.NotFound, "verification.not-found");
        Assert.Equal("Verified", (await owner.ConfirmContactCodeAsync(started.VerificationId, code)).Status);
    }

    [Theory]
    [InlineData("{\"code\":\"12345\"}", "code.invalid")]
    [InlineData("{\"code\":\"12345a\"}", "code.invalid")]
    [InlineData("{\"linkToken\":\"short\"}", "linkToken.invalid")]
    [InlineData("{}", "code.missing")]
    [InlineData("{\"code\":\"123456\",\"linkToken\":\"AAAAAAAAAAAAAAAAAAAAAA\"}", "code.missing")]
    public async Task Confirm_MalformedBody_400NotCounted(string json, string code)
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var started = await device.StartContactVerificationAsync("email", "ivy@example.com");
        var right = Assert.Single(await device.ReadDevInboxAsync()).Code;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/device/contact-verifications/{started.VerificationId}/confirm")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Device", await device.SessionAsync());
        using var http = new HttpClient { BaseAddress = s.Silos[0].BaseAddress };
        await BackupTestKit.AssertProblemAsync(await http.SendAsync(request), HttpStatusCode.BadRequest, code);

        Assert.Equal(5, (await device.ConfirmContactCodeAsync(started.VerificationId, right)).AttemptsLeft);
    }

    [Theory]
    [InlineData("email", "not-an-address", "address.invalid")]
    [InlineData("email", "a@b", "address.invalid")]
    [InlineData("email", "two@@example.com", "address.invalid")]
    [InlineData("sms", "015112345678", "address.invalid")]
    [InlineData("sms", "+1 555 abc", "address.invalid")]
    [InlineData("fax", "+15551230001", "channel.invalid")]
    public async Task Start_BadChannelOrAddress_400NothingSent(string channel, string address, string code)
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();

        await BackupTestKit.AssertProblemAsync(await device.SendAsync(HttpMethod.Post, "/v1/device/contact-verifications", new { channel, address }), HttpStatusCode.BadRequest, code);

        Assert.Empty(await device.ReadDevInboxAsync());
    }

    [Fact]
    public async Task Start_SecondCodeWithin30Seconds_429ContactRateLimitedWithRetryAfter()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        await device.StartContactVerificationAsync("email", "jack@example.com");

        using var again = await device.SendAsync(HttpMethod.Post, "/v1/device/contact-verifications", new { channel = "email", address = "JACK@example.com" });

        await BackupTestKit.AssertProblemAsync(again, HttpStatusCode.TooManyRequests, "contact.rate-limited");
        Assert.InRange(again.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 30);
        Assert.Single(await device.ReadDevInboxAsync());
    }

    [Fact]
    public async Task Start_SixthCodeWithinAnHour_429EvenAfterTheCooldown()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await SiloTestHost.StartSqliteAsync(configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        await using var s = await Scenario.OnAsync(silo);
        var devices = new List<DeviceClient>();
        for (var i = 0; i < 6; i++)
        {
            devices.Add(await s.DeviceAsync());
        }
        for (var i = 0; i < 5; i++)
        {
            await devices[i].StartContactVerificationAsync("email", "kim@example.com");
            clock.Advance(TimeSpan.FromSeconds(31));
        }

        await BackupTestKit.AssertProblemAsync(await devices[5].SendAsync(HttpMethod.Post, "/v1/device/contact-verifications", new { channel = "email", address = "kim@example.com" }),
            HttpStatusCode.TooManyRequests, "contact.rate-limited");
        var refused = await BackupTestKit.HistoryAsync(silo, HistoryTenants.Devices, "contact.code-requested", e => e.Count > 0);
        Assert.Equal("rate-limited", Assert.Single(refused).Status);
    }

    [Fact]
    public async Task Start_ElevenCodesFromOneDevice_429DeviceRateLimited()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        for (var i = 0; i < DefaultSendsPerDevicePerHour; i++)
        {
            await device.StartContactVerificationAsync("email", $"user{i}@example.com");
        }

        await BackupTestKit.AssertProblemAsync(await device.SendAsync(HttpMethod.Post, "/v1/device/contact-verifications", new { channel = "email", address = "one-more@example.com" }),
            HttpStatusCode.TooManyRequests, "device.rate-limited");
    }

    [Fact]
    public async Task Start_ManyDevicesFromOneAddress_429SourceRateLimited()
    {
        await using var s = await Scenario.SqliteAsync();
        var devices = new List<DeviceClient>();
        for (var i = 0; i < 4; i++)
        {
            devices.Add(await s.DeviceAsync());
        }
        for (var i = 0; i < DefaultSendsPerSourcePerHour; i++)
        {
            await devices[i % 3].StartContactVerificationAsync("email", $"src{i}@example.com");
        }

        await BackupTestKit.AssertProblemAsync(await devices[3].SendAsync(HttpMethod.Post, "/v1/device/contact-verifications", new { channel = "email", address = "src-last@example.com" }),
            HttpStatusCode.TooManyRequests, "source.rate-limited");
    }

    [Fact]
    public async Task Start_UndeliverableNumber_422AndTheSendIsNotCounted()
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: BackupTestKit.Twilio(twilio));
        await using var s = await Scenario.OnAsync(silo);
        var device = await s.DeviceAsync();

        await BackupTestKit.AssertProblemAsync(await device.SendAsync(HttpMethod.Post, "/v1/device/contact-verifications", new { channel = "sms", address = "+15005550009" }),
            HttpStatusCode.UnprocessableEntity, "address.undeliverable");
        // Not counted against the contact: asking again at once is not rate-limited (it fails the same way).
        await BackupTestKit.AssertProblemAsync(await device.SendAsync(HttpMethod.Post, "/v1/device/contact-verifications", new { channel = "sms", address = "+15005550009" }),
            HttpStatusCode.UnprocessableEntity, "address.undeliverable");
        var events = await BackupTestKit.HistoryAsync(silo, HistoryTenants.Devices, "contact.code-sent", e => e.Count(x => x.Status == "not-sent") >= 2);
        Assert.Contains("reason=21614", events.First(e => e.Status == "not-sent").Remarks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SmtpServerDown_503SendFailed()
    {
        int port;
        await using (var smtp = await SmtpTestServer.StartAsync())
        {
            port = smtp.Port;
        }
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: BackupTestKit.With(null, new()
        {
            ["PushAuth:Contact:Email:Smtp:Host"] = "127.0.0.1", ["PushAuth:Contact:Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PushAuth:Contact:Email:Smtp:TlsMode"] = "None", ["PushAuth:Contact:Email:Smtp:From"] = "no-reply@auth.example.com",
        }));
        await using var s = await Scenario.OnAsync(silo);
        var device = await s.DeviceAsync();

        using var response = await device.SendAsync(HttpMethod.Post, "/v1/device/contact-verifications", new { channel = "email", address = "lee@example.com" });

        await BackupTestKit.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "contact.send-failed");
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
