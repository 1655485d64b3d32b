using System.Diagnostics;
using System.Text.Json;
using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests.Apns;

public sealed class ApnsSenderTests
{
    [Fact]
    public async Task SendAsync_ValidMessage_DeliveredOverHttp2WithHeadersAndBody()
    {
        await using var harness = await ApnsHarness.StartAsync();
        var message = TestMessages.Apns(harness.SenderTime.GetUtcNow());

        var result = await harness.Sender.SendAsync(message);

        Assert.Equal(PushResultKind.Delivered, result.Kind);
        Assert.Equal(message.MessageId, result.ProviderMessageId);
        var delivery = Assert.Single(harness.Server.Inbox.Get(message.DeviceToken));
        Assert.Equal(harness.Server.BundleId, delivery.Topic);
        Assert.Equal("alert", delivery.PushType);
        Assert.Equal("10", delivery.Priority);
        Assert.Equal(message.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), delivery.Expiration);
        Assert.Equal(message.ReferenceId, delivery.CollapseId);
        Assert.Equal(message.MessageId, delivery.ApnsId);
        Assert.Equal("HTTP/2", Assert.Single(harness.Server.Requests.GetAll()).Protocol);
        using var body = JsonDocument.Parse(delivery.Payload);
        Assert.Equal(
            ["aps", "kind", "ref", "nonce"],
            body.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("PUSH_AUTHENTICATION", body.RootElement.GetProperty("aps").GetProperty("category").GetString());
        Assert.Equal(message.Nonce, body.RootElement.GetProperty("nonce").GetString());
    }

    [Fact]
    public async Task SendAsync_LongCollapseId_HashedTo64BytesOrLess()
    {
        await using var harness = await ApnsHarness.StartAsync();
        var message = TestMessages.Apns(harness.SenderTime.GetUtcNow()) with { CollapseId = new string('c', 100) };

        var result = await harness.Sender.SendAsync(message);

        Assert.True(result.IsDelivered);
        Assert.InRange(Assert.Single(harness.Server.Inbox.GetAll()).CollapseId!.Length, 1, 64);
    }

    [Fact]
    public async Task SendAsync_TwoSendsWithin20Minutes_SameProviderToken()
    {
        await using var harness = await ApnsHarness.StartAsync();

        Assert.True((await harness.SendAsync()).IsDelivered);
        harness.Advance(TimeSpan.FromMinutes(19));
        Assert.True((await harness.SendAsync()).IsDelivered);

        var deliveries = harness.Server.Inbox.GetAll();
        Assert.Equal(deliveries[0].ProviderToken, deliveries[1].ProviderToken);
        Assert.Equal(1, harness.Sender.ProviderTokenGeneration);
    }

    [Fact]
    public async Task SendAsync_After50Minutes_NewProviderTokenAcceptedOnSameConnection()
    {
        await using var harness = await ApnsHarness.StartAsync();
        Assert.True((await harness.SendAsync()).IsDelivered);
        harness.Advance(TimeSpan.FromMinutes(49));
        Assert.True((await harness.SendAsync()).IsDelivered);

        harness.Advance(TimeSpan.FromMinutes(1));
        var renewed = await harness.SendAsync();
        harness.Advance(TimeSpan.FromMinutes(45));
        var later = await harness.SendAsync();

        Assert.Equal(PushResultKind.Delivered, renewed.Kind);
        Assert.Equal(PushResultKind.Delivered, later.Kind);
        var tokens = harness.Server.Inbox.GetAll().Select(d => d.ProviderToken).ToArray();
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);
        Assert.Equal(tokens[2], tokens[3]);
        Assert.Equal(2, harness.Sender.ProviderTokenGeneration);
        Assert.Equal(1, harness.Server.Connections.Accepted);
    }

    [Fact]
    public async Task SendAsync_SenderClockTwoHoursBehind_ExpiredProviderTokenAfterOneRenewal()
    {
        await using var harness = await ApnsHarness.StartAsync(senderClockOffset: TimeSpan.FromHours(-2));

        var result = await harness.Sender.SendAsync(TestMessages.Apns(harness.SenderTime.GetUtcNow()));

        Assert.Equal(PushResultKind.AuthFailure, result.Kind);
        Assert.Equal("ExpiredProviderToken", result.Reason);
        var attempts = harness.Server.Requests.GetAll();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("ExpiredProviderToken", a.Reason));
        Assert.NotEqual(attempts[0].ProviderToken, attempts[1].ProviderToken);
    }

    [Fact]
    public async Task SendAsync_ExpiredProviderTokenOnce_RetriesWithNewTokenAndDelivers()
    {
        await using var harness = await ApnsHarness.StartAsync();
        Assert.True((await harness.SendAsync(TestMessages.HexToken(1))).IsDelivered);
        harness.Server.Script(TestMessages.IosToken, ApnsOutcome.ExpiredProviderToken, times: 1);

        var result = await harness.SendAsync();

        Assert.Equal(PushResultKind.Delivered, result.Kind);
        var attempts = harness.Server.Requests.Get(TestMessages.IosToken);
        Assert.Equal([403, 200], attempts.Select(a => a.Status));
        Assert.NotEqual(attempts[0].ProviderToken, attempts[1].ProviderToken);
        Assert.Equal(2, harness.Sender.ProviderTokenGeneration);
    }

    [Fact]
    public async Task SendAsync_ManyConcurrentSends_OneHttp2ConnectionReused()
    {
        await using var harness = await ApnsHarness.StartAsync();
        Assert.True((await harness.SendAsync()).IsDelivered);

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => harness.SendAsync(TestMessages.HexToken(i))));

        Assert.All(results, r => Assert.Equal(PushResultKind.Delivered, r.Kind));
        Assert.Equal(1, harness.Server.Connections.Accepted);
        Assert.Equal(301, harness.Server.Inbox.TotalCount);
        Assert.Single(harness.Server.Requests.GetAll().Select(r => r.ConnectionId).Distinct());
    }

    [Fact]
    public async Task SendAsync_Outage_RetryLaterWithRetryAfter()
    {
        await using var harness = await ApnsHarness.StartAsync();
        harness.Server.SetOutage(true, retryAfter: "20");

        var during = await harness.SendAsync();
        harness.Server.SetOutage(false);
        var after = await harness.SendAsync();

        Assert.Equal(PushResultKind.RetryLater, during.Kind);
        Assert.Equal("ServiceUnavailable", during.Reason);
        Assert.Equal(TimeSpan.FromSeconds(20), during.RetryAfter);
        Assert.True(after.IsDelivered);
    }

    [Fact]
    public async Task SendAsync_LatencyInjected_ResponseDelayed()
    {
        await using var harness = await ApnsHarness.StartAsync();
        Assert.True((await harness.SendAsync()).IsDelivered);
        harness.Server.Latency = TimeSpan.FromMilliseconds(250);

        var watch = Stopwatch.StartNew();
        var result = await harness.SendAsync();

        Assert.True(result.IsDelivered);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(240), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task SendAsync_PinnedCertificateFile_Delivered()
    {
        var file = Path.Combine(Path.GetTempPath(), $"apns-cert-{Guid.NewGuid():N}.pem");
        try
        {
            await using var server = await FakeApnsServer.StartAsync();
            await File.WriteAllTextAsync(file, server.CertificatePem);
            using var sender = new ApnsSender(
                new ApnsOptions { TeamId = server.TeamId, KeyId = server.KeyId, PrivateKeyPem = server.SigningKeyPem, BundleId = server.BundleId, BaseAddress = server.BaseAddress, TrustedServerCertificateFile = file },
                TimeProvider.System,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<ApnsSender>.Instance);

            var result = await sender.SendAsync(TestMessages.Apns(DateTimeOffset.UtcNow));

            Assert.Equal(PushResultKind.Delivered, result.Kind);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task SendAsync_UntrustedCertificate_RetryLaterTransportError()
    {
        await using var harness = await ApnsHarness.StartAsync(configure: o => o.ServerCertificateValidation = null);

        var result = await harness.SendAsync();

        Assert.Equal(PushResultKind.RetryLater, result.Kind);
        Assert.Equal(PushReasons.TransportError, result.Reason);
        Assert.Equal(0, harness.Server.Inbox.TotalCount);
    }

    [Fact]
    public async Task SendAsync_ExpiredMessage_PermanentFailureAndNothingSent()
    {
        await using var harness = await ApnsHarness.StartAsync();
        var message = TestMessages.Apns(harness.SenderTime.GetUtcNow());
        harness.Advance(TimeSpan.FromMinutes(3));

        var result = await harness.Sender.SendAsync(message);

        Assert.Equal(PushReasons.Expired, result.Reason);
        Assert.Equal(0, harness.Server.Counter.Total);
    }

    [Fact]
    public async Task SendAsync_FcmMessage_WrongProvider()
    {
        await using var harness = await ApnsHarness.StartAsync();

        var result = await harness.Sender.SendAsync(TestMessages.Fcm(harness.SenderTime.GetUtcNow()));

        Assert.Equal(PushReasons.WrongProvider, result.Reason);
    }

    [Fact]
    public async Task SendAsync_ClosedKind_BackgroundPushAtPriority5()
    {
        await using var harness = await ApnsHarness.StartAsync();

        await harness.Sender.SendAsync(TestMessages.Apns(harness.SenderTime.GetUtcNow(), kind: "closed"));

        var delivery = Assert.Single(harness.Server.Inbox.GetAll());
        Assert.Equal("background", delivery.PushType);
        Assert.Equal("5", delivery.Priority);
        Assert.Contains("\"content-available\":1", delivery.Payload, StringComparison.Ordinal);
    }
}
