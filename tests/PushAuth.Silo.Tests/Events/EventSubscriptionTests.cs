using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PushAuth.Abstractions;
using PushAuth.Client.Devices;
using PushAuth.DeviceSimulator;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.History;
using PushAuth.Silo.Tests.Admin;
using PushAuth.Silo.Tests.Backup;
using PushAuth.Silo.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;

namespace PushAuth.Silo.Tests.Events;

/// <summary>Tenant-wide event subscriptions as a login service uses them: every event type reaches a real receiver,
/// signed with the subscription's own secret; a receiver answering 500 gets the same event id again until it answers
/// 2xx; an admin lists deliveries and replays one; bad input, SSRF targets and lower roles are refused.</summary>
public sealed class EventSubscriptionTests
{
    private const string Subscriptions = "/v1/admin/event-subscriptions";
    private const string Deliveries = "/v1/admin/event-deliveries";

    [Fact]
    public async Task EveryEventType_ReachesTheReceiverSignedWithTheSubscriptionSecret_SecretNeverInLogsTracesOrDatabase()
    {
        var logs = new CapturingLoggerProvider();
        using var traces = new SpanText();
        var dir = Path.Combine(Path.GetTempPath(), "pushauth-events-" + Guid.NewGuid().ToString("N"));
        var silo = await SiloTestHost.StartSqliteAsync(dir, extra: Config(), configure: b =>
        {
            b.Logging.AddProvider(logs);
            b.Logging.SetMinimumLevel(LogLevel.Trace);
        });
        await using var receiver = await EventReceiver.StartAsync();
        string secret;
        try
        {
            var s = await Scenario.OnAsync(silo);
            await AllowLoopbackAsync(s);
            using var created = await s.Admin.PostAsJsonAsync(Subscriptions, new { url = receiver.BaseUrl + "/all" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
            var subscription = await created.Content.ReadFromJsonAsync<JsonElement>();
            secret = subscription.GetProperty("secret").GetString()!;
            var subscriptionId = subscription.GetProperty("subscriptionId").GetString()!;
            Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
            var listed = await s.Admin.GetStringAsync(Subscriptions);
            Assert.Contains(subscriptionId, listed, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);

            // method.paired, two resolutions (one a fraud report), a temporary code, revoke-all (methods disconnected), a restore.
            var phone = await s.DeviceAsync();
            await s.PairAsync(phone, "alice");
            var approved = await AnswerAsync(s, phone, approve: true);
            var denied = await AnswerAsync(s, phone, approve: false, reason: "Fraud");
            var hal = await s.ConsoleAdminAsync("ManageMfa");
            using var issue = await hal.Client.PostAsJsonAsync("/v1/admin/users/alice/temporary-codes", new { validityHours = 1 });
            var code = await issue.Content.ReadFromJsonAsync<JsonElement>();
            (await hal.Client.PostAsJsonAsync("/v1/admin/users/alice/revoke-all", new { reason = "stolen" })).EnsureSuccessStatusCode();
            await BackupTestKit.BackedUpDeviceAsync(s, "bob@example.com", "4711", "bob");
            var newPhone = await s.DeviceAsync();
            await newPhone.RestoreAsync(await BackupTestKit.VerifyAsync(newPhone, "bob@example.com"), "4711");

            await Eventually.UntilAsync(() => TenantEventTypes.All.All(t => receiver.At("all").Any(r => r.Type == t)), TimeSpan.FromSeconds(30), "every event type arrives");
            foreach (var post in receiver.At("all"))
            {
                Assert.True(WebhookSignature.Verify(secret, long.Parse(post.Timestamp, CultureInfo.InvariantCulture), post.Body, post.Signature, DateTimeOffset.UtcNow,
                    TimeSpan.FromMinutes(5)), post.Body);
                Assert.StartsWith("evt_", post.EventId, StringComparison.Ordinal);
                Assert.Equal("acme", post.Json.GetProperty("tenantId").GetString());
                Assert.Equal($"dlv_{subscriptionId}_{post.EventId}", post.Delivery);
            }
            var resolved = receiver.At("all").Where(r => r.Type == TenantEventTypes.ChallengeResolved).Select(r => r.Json.GetProperty("data")).ToList();
            Assert.Contains(resolved, d => d.GetProperty("challengeId").GetString() == approved && d.GetProperty("status").GetString() == "Approved");
            Assert.Contains(resolved, d => d.GetProperty("challengeId").GetString() == denied && d.GetProperty("status").GetString() == "Denied"
                && d.GetProperty("denyReason").GetString() == "Fraud");
            var fraud = receiver.At("all").First(r => r.Type == TenantEventTypes.FraudReported);
            Assert.Equal(denied, fraud.Json.GetProperty("data").GetProperty("challengeId").GetString());
            Assert.Equal("alice", fraud.Json.GetProperty("userId").GetString());
            var issued = receiver.At("all").First(r => r.Type == TenantEventTypes.TemporaryCodeIssued);
            Assert.Equal(code.GetProperty("codeId").GetString(), issued.Json.GetProperty("data").GetProperty("codeId").GetString());
            Assert.DoesNotContain(code.GetProperty("code").GetString()!, issued.Body, StringComparison.Ordinal);
            var revoked = receiver.At("all").First(r => r.Type == TenantEventTypes.MfaRevoked).Json.GetProperty("data");
            Assert.Equal(("stolen", hal.Actor), (revoked.GetProperty("reason").GetString(), revoked.GetProperty("revokedBy").GetString()));
            Assert.Contains(receiver.At("all"), r => r.Type == TenantEventTypes.MethodDisconnected && r.Json.GetProperty("userId").GetString() == "alice");
            Assert.Equal(newPhone.DeviceId, receiver.At("all").First(r => r.Type == TenantEventTypes.BackupRestored).Json.GetProperty("data").GetProperty("deviceId").GetString());

            // The delivery log says each was delivered at the first attempt with the receiver's 200.
            await Eventually.UntilAsync(async () => (await s.Admin.GetFromJsonAsync<JsonElement>(Deliveries)).EnumerateArray()
                .All(d => d.GetProperty("status").GetString() == "Delivered"), TimeSpan.FromSeconds(10), "the log shows every delivery done");
            var log = (await s.Admin.GetFromJsonAsync<JsonElement>(Deliveries)).EnumerateArray().ToList();
            Assert.True(log.Count >= TenantEventTypes.All.Count);
            Assert.All(log, d => Assert.Equal((1, 200), (d.GetProperty("attempts").GetInt32(), d.GetProperty("lastStatusCode").GetInt32())));
            await s.AuditAsync("action=event-subscription.created", a => a.Count == 1);
        }
        finally
        {
            await silo.DisposeAsync(); // flushes the SQLite writer, so every byte is on disk
        }

        var database = string.Concat(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.Contains("event-subscription.created", database, StringComparison.Ordinal);
        Assert.NotEmpty(logs.Lines);
        Assert.Contains(traces.Lines, l => l.StartsWith("event.deliver", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(traces.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], database, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiverAnswers500Twice_SameEventIdRetriedWithBackoffUntil200_ReplaySendsTheSameEventAgain_FilterHoldsBackOtherTypes()
    {
        await using var s = await Scenario.SqliteAsync(silo: Scenario.PrivateWebhooks);
        await using var receiver = await EventReceiver.StartAsync();
        receiver.FailFirst("flaky", 2);
        await AllowLoopbackAsync(s);
        var flaky = await (await s.Admin.PostAsJsonAsync(Subscriptions, new { url = receiver.BaseUrl + "/flaky", eventTypes = new[] { "method.paired" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secret = flaky.GetProperty("secret").GetString()!;
        (await s.Admin.PostAsJsonAsync(Subscriptions, new { url = receiver.BaseUrl + "/all" })).EnsureSuccessStatusCode();

        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        await AnswerAsync(s, phone, approve: true);

        await Eventually.UntilAsync(() => receiver.At("flaky").Count() >= 3, TimeSpan.FromSeconds(30), "two 500s, then a 200");
        var posts = receiver.At("flaky").ToList();
        Assert.Equal(3, posts.Count);
        Assert.Single(posts.Select(p => p.EventId).Distinct());
        Assert.Single(posts.Select(p => p.Delivery).Distinct());
        Assert.All(posts, p => Assert.Equal(TenantEventTypes.MethodPaired, p.Type));
        Assert.All(posts, p => Assert.True(WebhookSignature.Verify(secret, long.Parse(p.Timestamp, CultureInfo.InvariantCulture), p.Body, p.Signature, DateTimeOffset.UtcNow,
            TimeSpan.FromMinutes(5))));
        // The retries waited: about 1 s, then about 2 s (the receiver's clock is the real one).
        await Eventually.UntilAsync(() => receiver.At("all").Any(r => r.Type == TenantEventTypes.ChallengeResolved), TimeSpan.FromSeconds(20), "the resolution is published");
        Assert.DoesNotContain(receiver.At("flaky"), r => r.Type != TenantEventTypes.MethodPaired);

        JsonElement delivery = default;
        await Eventually.UntilAsync(async () => (delivery = (await s.Admin.GetFromJsonAsync<JsonElement>(Deliveries)).EnumerateArray()
            .FirstOrDefault(d => d.GetProperty("deliveryId").GetString() == posts[0].Delivery)).ValueKind == JsonValueKind.Object
            && delivery.GetProperty("status").GetString() == "Delivered", TimeSpan.FromSeconds(10), "the log shows the delivery done");
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(posts[0].EventId, delivery.GetProperty("eventId").GetString());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("nextAttemptAt").ValueKind);

        using var replay = await s.Admin.PostAsync($"{Deliveries}/{posts[0].Delivery}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await Eventually.UntilAsync(() => receiver.At("flaky").Count() == 4, TimeSpan.FromSeconds(20), "the replay arrives");
        var replayed = receiver.At("flaky").Last();
        Assert.Equal((posts[0].EventId, posts[0].Delivery), (replayed.EventId, replayed.Delivery));
        Assert.Equal(posts[0].Json.GetProperty("data").ToString(), replayed.Json.GetProperty("data").ToString());
        await s.AuditAsync("action=event-delivery.replayed", a => a.Count == 1);
    }

    [Fact]
    public async Task HistoryAppendRepeated_PublishesEveryTime_QueuedAndDeliveredOncePerEventId()
    {
        await using var s = await Scenario.SqliteAsync(silo: Scenario.PrivateWebhooks);
        await using var receiver = await EventReceiver.StartAsync();
        await AllowLoopbackAsync(s);
        var history = s.Silos[0].Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantHistoryGrain>(s.TenantId);
        var entry = HistoryEvents.Of(DateTimeOffset.UtcNow, s.TenantId, "carol", "d1", HistoryActivities.MethodPaired, "push", "paired", RequestOrigin.None,
            deviceId: "d1", remarks: "method=push_x; via=phrase");
        await history.AppendAsync([entry]);
        (await s.Admin.PostAsJsonAsync(Subscriptions, new { url = receiver.BaseUrl + "/dup" })).EnsureSuccessStatusCode();

        // The owing grain's retry of an append whose publish failed: the chain already holds the entry, the event still goes out.
        await history.AppendAsync([entry]);
        await history.AppendAsync([entry]);
        await Eventually.UntilAsync(async () => (await s.Admin.GetFromJsonAsync<JsonElement>(Deliveries)).EnumerateArray()
            .Any(d => d.GetProperty("status").GetString() == "Delivered"), TimeSpan.FromSeconds(20), "the event is delivered");
        await history.AppendAsync([entry]);

        var deliveries = (await s.Admin.GetFromJsonAsync<JsonElement>(Deliveries)).EnumerateArray().ToList();
        Assert.Equal("evt_" + entry.EventId, Assert.Single(deliveries).GetProperty("eventId").GetString());
        Assert.Equal(1, deliveries[0].GetProperty("attempts").GetInt32());
        Assert.Equal("evt_" + entry.EventId, Assert.Single(receiver.At("dup")).EventId);
        Assert.Single(await s.AuditAsync("userId=carol&action=method.paired", a => a.Count > 0));
    }

    [Fact]
    public async Task BadInputUnknownIdsPrivateTargetsAndLowerRoles_Refused4xxWithStableCodes_NothingCreated()
    {
        await using var s = await Scenario.SqliteAsync();
        var cases = new (object Body, string Code)[]
        {
            (new { eventTypes = new[] { "method.paired" } }, "url.missing"),
            (new { url = "https://hooks.example.com/e", eventTypes = new[] { "method.paired", "user.everything" } }, "events.unknown-type"),
            (new { url = "not a url" }, "webhookUrl.invalid"),
            (new { url = "http://hooks.example.com/e" }, "webhookUrl.invalid"),
            (new { url = "https://127.0.0.1:8080/admin" }, "webhookUrl.forbidden-address"),
            (new { url = "https://169.254.169.254/latest/meta-data" }, "webhookUrl.forbidden-address"),
            (new { url = "https://10.1.2.3/e" }, "webhookUrl.forbidden-address"),
            (new { url = "https://[::1]/e" }, "webhookUrl.forbidden-address"),
        };
        foreach (var (body, code) in cases)
        {
            using var response = await s.Admin.PostAsJsonAsync(Subscriptions, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(code, await response.ProblemCodeAsync());
        }
        using var notJson = await s.Admin.PostAsync(Subscriptions, new StringContent("{\"url\":", Encoding.UTF8, "application/json"));
        using var unknownSubscription = await s.Admin.DeleteAsync($"{Subscriptions}/sub_nope");
        using var unknownDelivery = await s.Admin.PostAsync($"{Deliveries}/dlv_nope/replay", null);
        using var badLimit = await s.Admin.GetAsync($"{Deliveries}?limit=0");
        using var hugeLimit = await s.Admin.GetAsync($"{Deliveries}?limit=1000");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("events.subscription-not-found", await unknownSubscription.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownSubscription.StatusCode);
        Assert.Equal("events.delivery-not-found", await unknownDelivery.ProblemCodeAsync());
        Assert.Equal("limit.invalid", await badLimit.ProblemCodeAsync());
        Assert.Equal("limit.invalid", await hugeLimit.ProblemCodeAsync());

        foreach (var role in new[] { "LoginService", "ManageMfa", "Auditor" })
        {
            var key = await s.KeyAsync(role);
            using var create = await key.PostAsJsonAsync(Subscriptions, new { url = "https://hooks.example.com/e" });
            using var list = await key.GetAsync(Subscriptions);
            using var delete = await key.DeleteAsync($"{Subscriptions}/sub_nope");
            using var deliveries = await key.GetAsync(Deliveries);
            using var replay = await key.PostAsync($"{Deliveries}/dlv_nope/replay", null);
            foreach (var refused in new[] { create, list, delete, deliveries, replay })
            {
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
                Assert.Equal("auth.permission", await refused.ProblemCodeAsync());
            }
        }
        Assert.Empty((await s.Admin.GetFromJsonAsync<JsonElement>(Subscriptions)).EnumerateArray());
    }

    private static Dictionary<string, string?> Config()
    {
        var config = new Dictionary<string, string?>(Scenario.PrivateWebhooks);
        foreach (var (key, value) in BackupTestKit.FastKdf)
        {
            config[key] = value;
        }
        return config;
    }

    /// <summary>The tenant lists the loopback receiver (the operator allows private targets in these tests).</summary>
    private static async Task AllowLoopbackAsync(Scenario s) =>
        (await s.Admin.PutAsJsonAsync("/v1/admin/settings", new { displayName = "Acme", webhookAllowedHosts = new[] { "127.0.0.1" } })).EnsureSuccessStatusCode();

    /// <summary>A challenge the phone answers; returns its id.</summary>
    private static async Task<string> AnswerAsync(Scenario s, DeviceClient phone, bool approve, string? reason = null)
    {
        var challenge = await s.CreateChallengeAsync("alice", extra: new { userId = "alice", context = new { service = "Acme Mail", action = "Sign in" }, numberMatching = false });
        var id = challenge.GetProperty("challengeId").GetString()!;
        (await phone.AnswerAsync((await phone.PullAsync()).Single(c => c.ChallengeId == id), approve, reason: reason)).EnsureSuccessStatusCode();
        return id;
    }
}
