using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PushAuth.Abstractions;
using PushAuth.Grains.Tests.Cluster;
using PushAuth.Push;
using PushAuth.Push.Fakes;
using PushAuth.Testing;

namespace PushAuth.Grains.Tests.Push;

/// <summary>The gateway's outbox dispatch against the fake FCM over real HTTP/2: outages, dead tokens, a silo that dies mid-batch.</summary>
public sealed class PushDispatchTests : IAsyncLifetime
{
    private FakeFcmServer _fcm = null!;
    private readonly List<ApprovalSilo> _silos = [];

    public async Task InitializeAsync() => _fcm = await FakeFcmServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
        await _fcm.DisposeAsync();
    }

    private IConfiguration FcmConfig() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Push:Fcm:ProjectId"] = _fcm.ProjectId,
        ["Push:Fcm:ServiceAccountJson"] = _fcm.ServiceAccountJson,
        ["Push:Fcm:BaseAddress"] = _fcm.BaseAddress.ToString(),
    }).Build().GetSection("Push");

    private async Task<ApprovalSilo> StartAsync(string db, FakeTimeProvider? time = null, Action<IServiceCollection>? configure = null, TimeSpan? lease = null)
    {
        var silo = await ApprovalSilo.PostgresAsync(db, time, FcmConfig(), configure, lease);
        _silos.Add(silo);
        return silo;
    }

    [Fact]
    public async Task FcmOutageOf30Seconds_DuringBurst_DeliversPendingOnceAndNothingForExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var db = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("outage");
        var silo = await StartAsync(db, time);
        var settings = new TenantSettings("Acme", NumberMatchingDigits: 0, MaxOutstandingChallenges: 20, PushesPerUserPerMinute: 60);
        await using var world = await ApprovalWorld.CreateAsync([silo], devices: 0, settings, provider: "fcm");
        for (var u = 0; u < 10; u++)
        {
            await world.AddDeviceForAsync("user" + u, "phone" + u);
        }
        _fcm.SetOutage(true, retryAfter: "5");

        var longLived = new List<ChallengeView>();
        var shortLived = new List<ChallengeView>();
        for (var u = 0; u < 10; u++)
        {
            var ttl = u < 6 ? 120 : 20;
            var challenge = await world.CreateForAsync("user" + u, ttlSeconds: ttl);
            (ttl == 120 ? longLived : shortLived).Add(challenge);
        }
        await AdvanceAsync(time, TimeSpan.FromSeconds(30));
        Assert.Equal(0, _fcm.Inbox.TotalCount);
        _fcm.SetOutage(false);
        await AdvanceUntilAsync(time, () => _fcm.Inbox.TotalCount >= 6, TimeSpan.FromSeconds(80));
        await AdvanceAsync(time, TimeSpan.FromSeconds(5));

        var delivered = _fcm.Inbox.GetAll();
        Assert.Equal(6, delivered.Count);
        Assert.Equal(longLived.Select(c => c.ChallengeId).Order(), delivered.Select(d => d.Data["ref"]).Order());
        Assert.DoesNotContain(delivered, d => shortLived.Any(c => c.ChallengeId == d.Data["ref"]));
        Assert.All(delivered, d => Assert.Equal("challenge", d.Data["kind"]));
    }

    [Fact]
    public async Task DeadToken_FromFcm_MarksDeviceTokenInvalid()
    {
        var db = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("deadtoken");
        var silo = await StartAsync(db);
        await using var world = await ApprovalWorld.CreateAsync([silo], devices: 1, provider: "fcm");
        _fcm.Script("token-d1", FcmOutcome.Unregistered);

        await world.CreateAsync();

        await PollAsync(async () => await silo.Grains.GetGrain<IStandInDeviceGrain>("d1").InvalidReasonAsync() is not null);
        Assert.Contains("UNREGISTERED", await silo.Grains.GetGrain<IStandInDeviceGrain>("d1").InvalidReasonAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _fcm.Inbox.TotalCount);
    }

    [Fact]
    public async Task GatewaySilo_DiesMidBatch_AnotherSiloSendsItsClaimedPushes()
    {
        var db = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("killed");
        var lease = TimeSpan.FromSeconds(2);
        var hung = new HangingSender();
        // Silo A takes every push it writes and then hangs inside the send, like a process frozen or killed mid-batch.
        var a = await StartAsync(db, configure: s => s.AddSingleton<IPushSender>(hung), lease: lease);
        var settings = new TenantSettings("Acme", NumberMatchingDigits: 0, MaxOutstandingChallenges: 20, PushesPerUserPerMinute: 60);
        await using var world = await ApprovalWorld.CreateAsync([a], devices: 0, settings, provider: "fcm");
        for (var u = 0; u < 5; u++)
        {
            await world.AddDeviceForAsync("user" + u, "phone" + u);
        }
        var challenges = new List<ChallengeView>();
        for (var u = 0; u < 5; u++)
        {
            challenges.Add(await world.CreateForAsync("user" + u));
        }
        await PollAsync(() => Task.FromResult(hung.Started >= 5));

        var b = await StartAsync(db, lease: lease);

        await PollAsync(() => Task.FromResult(_fcm.Inbox.TotalCount >= 5));
        await Task.Delay(lease * 2);
        Assert.Equal(5, _fcm.Inbox.TotalCount);
        Assert.Equal(challenges.Select(c => c.ChallengeId).Order(), _fcm.Inbox.GetAll().Select(d => d.Data["ref"]).Order());
        Assert.NotNull(b);
    }

    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan by)
    {
        for (var t = TimeSpan.Zero; t < by; t += TimeSpan.FromSeconds(1))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(60);
        }
    }

    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition, TimeSpan max)
    {
        for (var t = TimeSpan.Zero; t < max && !condition(); t += TimeSpan.FromSeconds(1))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(60);
        }
        Assert.True(condition(), "not delivered after the outage ended");
    }

    private static async Task PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }

    /// <summary>An FCM sender that never returns: the silo holding it is as good as dead for those pushes.</summary>
    private sealed class HangingSender : IPushSender
    {
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public PushProvider Provider => PushProvider.Fcm;

        public async Task<PushResult> SendAsync(PushMessage message, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _started);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new PushResult(PushResultKind.RetryLater, "unreachable");
        }
    }
}
