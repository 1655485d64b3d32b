using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PushAuth.DeviceSimulator;
using PushAuth.Domain.Challenges;
using PushAuth.Push;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Approvals;

public sealed class ApprovalHttpTests
{
    [Fact]
    public async Task Approval_EndToEnd_WaiterWokenWithApproved()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");

        var created = await s.CreateChallengeAsync("alice");
        var id = created.GetProperty("challengeId").GetString()!;
        var number = created.GetProperty("numberMatch").GetString()!;
        Assert.Equal(2, number.Length);
        var waiter = s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{id}?wait=20");
        var pending = Assert.Single(await phone.PullAsync());
        Assert.True(pending.NumberMatchRequired);
        Assert.Equal("Lyon", pending.Context.GetProperty("city").GetString());
        Assert.False(pending.Context.ToString().Contains(number, StringComparison.Ordinal) && pending.NumberDigits == 0);
        using var answer = await phone.AnswerAsync(pending, approve: true, number);
        var result = await waiter;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("Approved", result.GetProperty("status").GetString());
        Assert.Equal(phone.DeviceId, result.GetProperty("resolvedByDeviceId").GetString());
        Assert.Empty(await phone.PullAsync());
    }

    [Fact]
    public async Task DevTransport_PairingAndChallenge_PushedToTheDeviceInbox()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        var inbox = s.Silos[0].Services.GetRequiredService<DevPushInbox>();

        var created = await s.CreateChallengeAsync("alice");
        var id = created.GetProperty("challengeId").GetString();
        var push = await inbox.WaitForAsync(phone.DeviceId!, m => m.Kind == "challenge", TimeSpan.FromSeconds(10));

        Assert.NotNull(push);
        Assert.Equal(id, push.ReferenceId);
        Assert.Contains(inbox.Get(phone.DeviceId!), m => m.Kind == "pairing");
    }

    [Fact]
    public async Task Answer_WrongNumber_DeniedAsMismatch409()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        var created = await s.CreateChallengeAsync("alice");
        var wrong = created.GetProperty("numberMatch").GetString() == "00" ? "01" : "00";

        using var answer = await phone.AnswerAsync(Assert.Single(await phone.PullAsync()), approve: true, wrong);

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        var view = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{created.GetProperty("challengeId").GetString()}");
        Assert.Equal("Denied", view.GetProperty("status").GetString());
        Assert.Equal("NumberMismatch", view.GetProperty("denyReason").GetString());
    }

    [Fact]
    public async Task FraudReport_Then423FallBack_AndAdminCanLiftBlock()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");
        await s.CreateChallengeAsync("alice");
        using (var deny = await phone.AnswerAsync(Assert.Single(await phone.PullAsync()), approve: false, reason: "Fraud"))
        {
            Assert.Equal(HttpStatusCode.OK, deny.StatusCode);
        }
        await Poll(async () => (await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/push-status")).GetProperty("blocked").GetBoolean());

        using var blocked = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = "Mail", action = "Sign in" } });
        Assert.Equal((HttpStatusCode)423, blocked.StatusCode);
        Assert.Equal("push.blocked", (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.NotNull(blocked.Headers.RetryAfter);

        using var lift = await s.Admin.DeleteAsync("/v1/admin/users/alice/push-block");
        Assert.Equal(HttpStatusCode.NoContent, lift.StatusCode);
        await s.CreateChallengeAsync("alice");
        var audit = await s.AuditAsync("userId=alice", a => a.Any(e => e.GetProperty("action").GetString() == "push.block-cleared"));
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "push.blocked");
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "push.block-cleared");
    }

    [Fact]
    public async Task Create_BadInput_400ProblemAndNothingCreated()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");

        var bad = new object[]
        {
            new { userId = "alice" },
            new { userId = "alice", context = new { service = "Mail", action = "Sign in", sourceIp = "999.1.1.1" } },
            new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, expiresInSeconds = 5 },
            new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, expiresInSeconds = 3600 },
            new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, numberDigits = 9 },
            new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, webhookUrl = "http://example.com/hook" },
            new { userId = "al ice", context = new { service = "Mail", action = "Sign in" } },
            new { userId = "alice", context = new { service = new string('x', 500), action = "Sign in" } },
        };
        foreach (var body in bad)
        {
            using var response = await s.Login.PostAsJsonAsync("/v1/challenges", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var badWait = await s.Login.GetAsync("/v1/challenges/ch_abc?wait=31");
        using var unknown = await s.Login.GetAsync("/v1/challenges/ch_doesnotexist");
        Assert.Equal(HttpStatusCode.BadRequest, badWait.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(await phone.PullAsync());
    }

    [Fact]
    public async Task Create_NoPairedDevice_SameAnswerAsUnknownUser()
    {
        await using var s = await Scenario.SqliteAsync();

        using var unknown = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "ghost", context = new { service = "Mail", action = "Sign in" } });

        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
        Assert.Equal("push.no-device", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Create_SameIdempotencyKey_SameChallenge()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.PairAsync(await s.DeviceAsync(), "alice");
        var body = new { userId = "alice", context = new { service = "Mail", action = "Sign in" } };

        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/challenges") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "login-attempt-42");
            using var response = await s.Login.SendAsync(request);
            ids.Add((await DeviceClient.ReadAsync<JsonElement>(response, default)).GetProperty("challengeId").GetString()!);
        }

        Assert.Equal(ids[0], ids[1]);
    }

    [Fact]
    public async Task Disconnect_OnlyDevice_CancelsPendingChallenge()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        var methodId = await s.PairAsync(phone, "alice");
        var created = await s.CreateChallengeAsync("alice");

        using var disconnect = await s.Login.DeleteAsync($"/v1/users/alice/methods/{methodId}?reason=stolen");
        var pending = await phone.PullAsync();

        Assert.Equal(HttpStatusCode.NoContent, disconnect.StatusCode);
        var view = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{created.GetProperty("challengeId").GetString()}");
        Assert.Equal("Cancelled", view.GetProperty("status").GetString());
        Assert.Empty(pending);
    }

    [Fact]
    public async Task Webhook_OnResolution_SignedAndVerifiable()
    {
        // The receiver is on loopback: the tenant lists it, as a development setup would.
        await using var s = await Scenario.SqliteAsync(settings: new PushAuth.Abstractions.TenantSettings("Acme", WebhookAllowedHosts: ["127.0.0.1"]), silo: Scenario.PrivateWebhooks);
        var received = new ConcurrentQueue<(string Body, string Timestamp, string Signature)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var hook = builder.Build();
        var failures = 0;
        hook.MapPost("/hook", async (HttpRequest request) =>
        {
            // The first delivery fails, so the retry through the outbox is exercised too.
            if (Interlocked.Increment(ref failures) == 1)
            {
                return Results.StatusCode(503);
            }
            using var reader = new StreamReader(request.Body);
            received.Enqueue((await reader.ReadToEndAsync(), request.Headers["PushAuth-Timestamp"].ToString(), request.Headers["PushAuth-Signature"].ToString()));
            return Results.Ok();
        });
        await hook.StartAsync();
        var secret = (await (await s.Admin.PostAsync("/v1/admin/webhook-secret", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");

        var created = await s.CreateChallengeAsync("alice", extra: new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, numberMatching = false, webhookUrl = hook.Urls.First() + "/hook" });
        (await phone.AnswerAsync(Assert.Single(await phone.PullAsync()), approve: false, reason: "mistake")).Dispose();

        await Poll(() => Task.FromResult(!received.IsEmpty), TimeSpan.FromSeconds(20));
        var (body, timestamp, signature) = received.Single();
        Assert.True(WebhookSignature.Verify(secret, long.Parse(timestamp), body, signature, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_other", long.Parse(timestamp), body, signature, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        // One casing: the webhook spells status and reason as the API does (it once said "denied"/"mistake" to the API's Denied/Mistake).
        var hooked = JsonDocument.Parse(body).RootElement.GetProperty("challenge");
        var api = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{created.GetProperty("challengeId").GetString()}");
        Assert.Equal(("Denied", "Mistake"), (hooked.GetProperty("status").GetString(), hooked.GetProperty("denyReason").GetString()));
        Assert.Equal((api.GetProperty("status").GetString(), api.GetProperty("denyReason").GetString()),
            (hooked.GetProperty("status").GetString(), hooked.GetProperty("denyReason").GetString()));
    }

    [Fact]
    public async Task WebhookSecret_AtRest_IsEncrypted()
    {
        await using var s = await Scenario.SqliteAsync();

        var secret = (await (await s.Admin.PostAsync("/v1/admin/webhook-secret", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        // The stored row itself, read through the silo's grain storage as raw JSON.
        var storage = s.Silos[0].Services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(PushAuth.Grains.Storage.StorageNames.Default);
        var stored = new Orleans.GrainState<JsonElement>();
        await storage.ReadStateAsync("webhooksecret", Orleans.Runtime.GrainId.Create("webhooksecret", s.TenantId), stored);
        Assert.StartsWith("whsec_", secret);
        Assert.True(stored.RecordExists);
        Assert.DoesNotContain(secret["whsec_".Length..], stored.State.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoSilos_CreateOnA_AnswerOnB_WaiterOnAWoken()
    {
        await using var s = await Scenario.PostgresAsync(silos: 2);
        var phoneOnB = await s.DeviceAsync(silo: 1);
        await s.PairAsync(phoneOnB, "alice");
        var created = await s.CreateChallengeAsync("alice");
        var id = created.GetProperty("challengeId").GetString()!;
        var waiter = s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{id}?wait=25");
        await Task.Delay(200);

        (await phoneOnB.AnswerAsync(Assert.Single(await phoneOnB.PullAsync()), approve: true, created.GetProperty("numberMatch").GetString())).Dispose();
        var started = DateTime.UtcNow;
        var result = await waiter;

        Assert.Equal("Approved", result.GetProperty("status").GetString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "woken across silos by NOTIFY");
    }

    [Fact]
    public async Task LongPoll_NoAnswer_ReturnsPendingWhenWaitEnds()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.PairAsync(await s.DeviceAsync(), "alice");
        var id = (await s.CreateChallengeAsync("alice")).GetProperty("challengeId").GetString();

        var started = DateTime.UtcNow;
        var view = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{id}?wait=1");

        Assert.Equal("Pending", view.GetProperty("status").GetString());
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task LongPoll_OneGrainCall_WhenDecidedAndPerWaitSliceWhenPending()
    {
        var calls = new UserWaitCalls();
        await using var s = await Scenario.SqliteAsync(configure: b => b.Services.AddSingleton<Orleans.IIncomingGrainCallFilter>(calls));
        await s.PairAsync(await s.DeviceAsync(), "alice");
        var pendingId = (await s.CreateChallengeAsync("alice")).GetProperty("challengeId").GetString();
        var cancelledId = (await s.CreateChallengeAsync("alice")).GetProperty("challengeId").GetString();
        (await s.Login.PostAsync($"/v1/challenges/{cancelledId}/cancel", null)).Dispose();

        calls.Reset();
        var decided = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{cancelledId}?wait=5");
        var decidedCalls = calls.Names;
        calls.Reset();
        var pending = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{pendingId}?wait=1");

        Assert.Equal("Cancelled", decided.GetProperty("status").GetString());
        Assert.Equal(["WaitForChallengeAsync"], decidedCalls);
        Assert.Equal("Pending", pending.GetProperty("status").GetString());
        Assert.Equal(["WaitForChallengeAsync"], calls.Names);
    }

    /// <summary>Counts the user grain's read and wait calls.</summary>
    private sealed class UserWaitCalls : Orleans.IIncomingGrainCallFilter
    {
        private readonly ConcurrentQueue<string> _names = new();

        public List<string> Names => [.. _names];

        public void Reset() => _names.Clear();

        public Task Invoke(Orleans.IIncomingGrainCallContext context)
        {
            if (context.MethodName is nameof(PushAuth.Abstractions.IUserGrain.WaitForChallengeAsync) or nameof(PushAuth.Abstractions.IUserGrain.GetChallengeAsync))
            {
                _names.Enqueue(context.MethodName);
            }
            return context.Invoke();
        }
    }

    private static Task Poll(Func<Task<bool>> condition) => Poll(condition, TimeSpan.FromSeconds(15));

    private static async Task Poll(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }
}
