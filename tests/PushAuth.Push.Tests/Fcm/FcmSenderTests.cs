using System.Diagnostics;
using System.Text.Json;

namespace PushAuth.Push.Tests.Fcm;

public sealed class FcmSenderTests
{
    [Fact]
    public async Task SendAsync_ValidMessage_DeliveredWithDataOnlyPayload()
    {
        await using var harness = await FcmHarness.StartAsync();
        var message = TestMessages.Fcm(harness.Time.GetUtcNow());

        var result = await harness.Sender.SendAsync(message);

        Assert.Equal(PushResultKind.Delivered, result.Kind);
        Assert.StartsWith($"projects/{harness.Server.ProjectId}/messages/", result.ProviderMessageId, StringComparison.Ordinal);
        var delivery = Assert.Single(harness.Server.Inbox.Get(message.DeviceToken));
        Assert.Equal(result.ProviderMessageId, delivery.Name);
        Assert.Equal(new Dictionary<string, string> { ["kind"] = "challenge", ["ref"] = message.ReferenceId, ["nonce"] = message.Nonce, ["mid"] = message.MessageId }, delivery.Data);
        Assert.Equal("high", delivery.AndroidPriority);
        Assert.Equal("120s", delivery.AndroidTtl);
        Assert.Equal(message.ReferenceId, delivery.AndroidCollapseKey);
        Assert.Equal("10", delivery.ApnsHeaders["apns-priority"]);
        Assert.Equal("alert", delivery.ApnsHeaders["apns-push-type"]);
        Assert.Equal(message.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), delivery.ApnsHeaders["apns-expiration"]);
        Assert.Equal(message.ReferenceId, delivery.ApnsHeaders["apns-collapse-id"]);
        using var json = JsonDocument.Parse(delivery.MessageJson);
        var aps = json.RootElement.GetProperty("apns").GetProperty("payload").GetProperty("aps");
        Assert.Equal("Sign-in request", aps.GetProperty("alert").GetProperty("title").GetString());
        Assert.False(json.RootElement.TryGetProperty("notification", out _));
    }

    [Fact]
    public async Task SendAsync_TtlIsTimeLeftUntilExpiry()
    {
        await using var harness = await FcmHarness.StartAsync();
        var message = TestMessages.Fcm(harness.Time.GetUtcNow()) with { ExpiresAt = harness.Time.GetUtcNow().AddSeconds(45.2) };

        await harness.Sender.SendAsync(message);

        Assert.Equal("46s", Assert.Single(harness.Server.Inbox.GetAll()).AndroidTtl);
    }

    [Fact]
    public async Task SendAsync_ExpiredMessage_PermanentFailureAndNothingSent()
    {
        await using var harness = await FcmHarness.StartAsync();
        var message = TestMessages.Fcm(harness.Time.GetUtcNow());
        harness.Time.Advance(TimeSpan.FromSeconds(121));

        var result = await harness.Sender.SendAsync(message);

        Assert.Equal(PushResultKind.PermanentFailure, result.Kind);
        Assert.Equal(PushReasons.Expired, result.Reason);
        Assert.Equal(0, harness.Server.Counter.Total);
    }

    [Fact]
    public async Task SendAsync_AccessTokenRevoked_RefreshesTokenAndRetriesOnce()
    {
        await using var harness = await FcmHarness.StartAsync();
        Assert.True((await harness.SendAsync()).IsDelivered);
        Assert.Equal(1, harness.Server.TokenRequestCount);
        harness.Server.RevokeAllAccessTokens();

        var result = await harness.SendAsync();

        Assert.Equal(PushResultKind.Delivered, result.Kind);
        Assert.Equal(2, harness.Server.TokenRequestCount);
        Assert.Equal(3, harness.Server.Counter.Total);
        Assert.Equal(2, harness.Server.Inbox.TotalCount);
    }

    [Fact]
    public async Task SendAsync_TokenCachedBetweenSends_OneTokenRequest()
    {
        await using var harness = await FcmHarness.StartAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await harness.SendAsync()).IsDelivered);
        }

        Assert.Equal(1, harness.Server.TokenRequestCount);
    }

    [Fact]
    public async Task SendAsync_Outage_RetryLaterWithRetryAfter()
    {
        await using var harness = await FcmHarness.StartAsync();
        harness.Server.SetOutage(true, retryAfter: "12");

        var during = await harness.SendAsync();
        harness.Server.SetOutage(false);
        var after = await harness.SendAsync();

        Assert.Equal(PushResultKind.RetryLater, during.Kind);
        Assert.Equal("UNAVAILABLE", during.Reason);
        Assert.Equal(TimeSpan.FromSeconds(12), during.RetryAfter);
        Assert.Equal(PushResultKind.Delivered, after.Kind);
    }

    [Fact]
    public async Task SendAsync_LatencyInjected_ResponseDelayed()
    {
        await using var harness = await FcmHarness.StartAsync();
        Assert.True((await harness.SendAsync()).IsDelivered);
        harness.Server.Latency = TimeSpan.FromMilliseconds(300);

        var watch = Stopwatch.StartNew();
        var result = await harness.SendAsync();

        Assert.True(result.IsDelivered);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task SendAsync_PerMinuteQuotaExceeded_DetailLess429RetryLater()
    {
        await using var harness = await FcmHarness.StartAsync(o => o.PerMinuteQuota = 2);

        var results = new List<PushResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await harness.SendAsync());
        }

        harness.Time.Advance(TimeSpan.FromSeconds(61));
        var nextMinute = await harness.SendAsync();

        Assert.All(results.Take(2), r => Assert.True(r.IsDelivered));
        Assert.Equal(PushResultKind.RetryLater, results[2].Kind);
        Assert.Equal("RESOURCE_EXHAUSTED", results[2].Reason);
        Assert.True(nextMinute.IsDelivered);
        Assert.Equal(1, harness.Server.Counter.CurrentMinute);
        Assert.Equal(4, harness.Server.Counter.Total);
    }

    [Fact]
    public async Task SendAsync_WrongProject_AuthFailurePermissionDenied()
    {
        await using var harness = await FcmHarness.StartAsync(projectId: "someone-elses-project");

        var result = await harness.SendAsync();

        Assert.Equal(PushResultKind.AuthFailure, result.Kind);
        Assert.Equal("PERMISSION_DENIED", result.Reason);
    }

    [Fact]
    public async Task SendAsync_ManyConcurrentSends_AllDeliveredOverOneHttp2Connection()
    {
        await using var harness = await FcmHarness.StartAsync();
        Assert.True((await harness.SendAsync()).IsDelivered);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => harness.SendAsync("token-" + i)));

        Assert.All(results, r => Assert.Equal(PushResultKind.Delivered, r.Kind));
        Assert.Equal(201, harness.Server.Inbox.TotalCount);

        // One HTTP/1.1 connection for the token endpoint, one HTTP/2 connection for every send.
        Assert.Equal(2, harness.Server.Connections.Accepted);
    }

    [Fact]
    public async Task SendAsync_ServerDown_RetryLaterTransportError()
    {
        var harness = await FcmHarness.StartAsync();
        Assert.True((await harness.SendAsync()).IsDelivered);
        await harness.Server.DisposeAsync();

        var result = await harness.SendAsync();

        Assert.Equal(PushResultKind.RetryLater, result.Kind);
        Assert.Equal(PushReasons.TransportError, result.Reason);
        harness.Sender.Dispose();
    }

    [Fact]
    public async Task SendAsync_ClosedKind_SilentBackgroundPushForIos()
    {
        await using var harness = await FcmHarness.StartAsync();

        await harness.Sender.SendAsync(TestMessages.Fcm(harness.Time.GetUtcNow(), kind: "closed"));

        var delivery = Assert.Single(harness.Server.Inbox.GetAll());
        Assert.Equal("background", delivery.ApnsHeaders["apns-push-type"]);
        Assert.Equal("5", delivery.ApnsHeaders["apns-priority"]);
        Assert.Contains("\"content-available\":1", delivery.MessageJson, StringComparison.Ordinal);
    }
}
