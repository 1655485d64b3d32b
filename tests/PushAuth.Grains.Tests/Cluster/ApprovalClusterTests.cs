using PushAuth.Abstractions;
using PushAuth.Grains.Challenges;
using PushAuth.Security;
using PushAuth.Testing;

namespace PushAuth.Grains.Tests.Cluster;

/// <summary>The approval invariants on two silos sharing one private PostgreSQL.</summary>
public sealed class ApprovalClusterTests : IAsyncLifetime
{
    private readonly List<ApprovalSilo> _silos = [];
    private ApprovalWorld _world = null!;

    public async Task InitializeAsync()
    {
        var db = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("approvals");
        _silos.Add(await ApprovalSilo.PostgresAsync(db));
        _silos.Add(await ApprovalSilo.PostgresAsync(db));
        _world = await ApprovalWorld.CreateAsync(_silos, devices: 3, new TenantSettings("Acme", NumberMatchingDigits: 2, MaxOutstandingChallenges: 20, PushesPerUserPerMinute: 60));
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Answers_RacingFromThreeDevicesOnTwoSilos_ExactlyOneWinsAndEverySiloAgrees()
    {
        for (var round = 0; round < 5; round++)
        {
            var challenge = await _world.CreateAsync(silo: round % 2);
            var attempts = new List<Task<AnswerOutcome>>();
            foreach (var device in new[] { "d1", "d2", "d3" })
            {
                for (var dup = 0; dup < 2; dup++)
                {
                    var decision = device == "d2" ? "deny" : "approve";
                    var silo = dup;
                    attempts.Add(Task.Run(() => _world.AnswerAsync(silo, challenge.ChallengeId, device, decision, decision == "approve" ? challenge.NumberMatch : null)));
                }
            }
            var cancel = _silos[1].Grains.GetGrain<IChallengeGrain>(challenge.ChallengeId).CancelAsync(_world.TenantId, RequestOrigin.Internal);
            var outcomes = await Task.WhenAll(attempts);
            await cancel;

            var views = await Task.WhenAll(_silos.Select(s => s.Grains.GetGrain<IChallengeGrain>(challenge.ChallengeId).GetAsync(_world.TenantId)));
            var final = views[0]!;
            Assert.All(views, v => Assert.Equal(final.Status, v!.Status));
            Assert.All(views, v => Assert.Equal(final.ResolvedAt, v!.ResolvedAt));
            Assert.NotEqual(ChallengeStatus.Pending, final.Status);
            Assert.True(outcomes.Count(o => o.Accepted) <= 1, "at most one answer wins");
            if (final.Status is ChallengeStatus.Approved or ChallengeStatus.Denied)
            {
                Assert.Single(outcomes, o => o.Accepted);
            }
            else
            {
                Assert.Equal(ChallengeStatus.Cancelled, final.Status);
                Assert.DoesNotContain(outcomes, o => o.Accepted);
            }
        }
    }

    [Fact]
    public async Task Waiter_OnOtherSilo_IsWokenByTheAnswer()
    {
        var challenge = await _world.CreateAsync(silo: 0);
        using var subscription = _silos[1].Bus.Subscribe(ChallengeGrain.Topic(challenge.ChallengeId));
        var before = await _silos[1].Grains.GetGrain<IChallengeGrain>(challenge.ChallengeId).GetAsync(_world.TenantId);
        Assert.Equal(ChallengeStatus.Pending, before!.Status);

        var outcome = await _world.AnswerAsync(0, challenge.ChallengeId, "d1", "approve", challenge.NumberMatch);

        Assert.True(outcome.Accepted);
        Assert.True(await subscription.WaitAsync(TimeSpan.FromSeconds(5)), "the waiter on the other silo must be woken");
        var after = await _silos[1].Grains.GetGrain<IChallengeGrain>(challenge.ChallengeId).GetAsync(_world.TenantId);
        Assert.Equal(ChallengeStatus.Approved, after!.Status);
        Assert.Equal("d1", after.ResolvedByDeviceId);
    }

    [Fact]
    public async Task Answer_FromUnpairedDevice_Rejected()
    {
        var challenge = await _world.CreateAsync();
        await _silos[1].Grains.GetGrain<IStandInUserGrain>(_world.UserKey).UnpairAsync("d3");

        var outcome = await _world.AnswerAsync(0, challenge.ChallengeId, "d3", "approve", challenge.NumberMatch);

        Assert.False(outcome.Accepted);
        Assert.Equal("challenge.device-not-paired", outcome.RejectionCode);
        Assert.Equal(ChallengeStatus.Pending, (await _silos[0].Grains.GetGrain<IChallengeGrain>(challenge.ChallengeId).GetAsync(_world.TenantId))!.Status);
    }

    [Fact]
    public async Task Answer_SignedWithAnotherKey_Rejected()
    {
        var challenge = await _world.CreateAsync();
        using var stranger = DeviceKeyPair.Create();

        var outcome = await _world.AnswerAsync(1, challenge.ChallengeId, "d1", "approve", challenge.NumberMatch, signWith: stranger);

        Assert.False(outcome.Accepted);
        Assert.Equal("challenge.bad-signature", outcome.RejectionCode);
    }

    [Fact]
    public async Task Answer_Replayed_RejectedAsAlreadyResolved()
    {
        var challenge = await _world.CreateAsync();
        var grain = _silos[0].Grains.GetGrain<IChallengeGrain>(challenge.ChallengeId);
        var view = await grain.GetForDeviceAsync("d1");
        Assert.True((await _world.AnswerAsync(0, challenge.ChallengeId, "d1", "approve", challenge.NumberMatch)).Accepted);

        // The same signed message again, on the other silo.
        var again = await _world.AnswerAsync(1, challenge.ChallengeId, "d1", "approve", challenge.NumberMatch);

        Assert.False(again.Accepted);
        Assert.Equal("challenge.already-resolved", again.RejectionCode);
        Assert.NotNull(view);
    }

    [Fact]
    public async Task Create_PushesEveryPairedDevice_OthersToldWhenClosed()
    {
        var challenge = await _world.CreateAsync();
        var pushes = _silos.Select(s => s.Pushes).ToList();
        await Poll(() => pushes.Sum(p => p.GetAll().Count(m => m.ReferenceId == challenge.ChallengeId && m.Kind == "challenge")) == 3);

        await _world.AnswerAsync(0, challenge.ChallengeId, "d2", "approve", challenge.NumberMatch);

        await Poll(() => pushes.Sum(p => p.GetAll().Count(m => m.ReferenceId == challenge.ChallengeId && m.Kind == "closed")) == 2);
        Assert.DoesNotContain(pushes.SelectMany(p => p.GetAll()), m => m.ReferenceId == challenge.ChallengeId && m.Kind == "closed" && m.DeviceToken == "token-d2");
        Assert.All(pushes.SelectMany(p => p.GetAll()).Where(m => m.ReferenceId == challenge.ChallengeId), m => Assert.DoesNotContain(challenge.NumberMatch ?? "zz", m.Nonce));
    }

    [Fact]
    public async Task FraudReport_BlocksFurtherPushesForTheUser()
    {
        var challenge = await _world.CreateAsync();
        var outcome = await _world.AnswerAsync(1, challenge.ChallengeId, "d1", "deny", null, DenyReason.Fraud);
        Assert.True(outcome.Accepted);

        await Poll(() => _silos[0].Grains.GetGrain<IUserPushGrain>(_world.UserKey).GetBlockStatusAsync().Result.Blocked);
        var ex = await Assert.ThrowsAsync<PushAuthException>(() => _world.CreateAsync(silo: 0));

        Assert.Equal(ErrorKind.Locked, ex.Kind);
        Assert.Equal("push.blocked", ex.Code);
        Assert.NotNull(ex.RetryAfter);
    }

    [Fact]
    public async Task Create_SameIdempotencyKeyOnBothSilos_SameChallenge()
    {
        var first = await _world.CreateAsync(silo: 0, idempotencyKey: "login-123");
        var second = await _world.CreateAsync(silo: 1, idempotencyKey: "login-123");

        Assert.Equal(first.ChallengeId, second.ChallengeId);
    }

    [Fact]
    public async Task Challenge_NotAnswered_ExpiresByReminderAndFreesTheSlot()
    {
        var challenge = await _world.CreateAsync(ttlSeconds: 1);

        await Poll(() => _silos[1].Grains.GetGrain<IChallengeGrain>(challenge.ChallengeId).GetAsync(_world.TenantId).Result!.Status == ChallengeStatus.Expired);
        await Poll(() => _silos[0].Grains.GetGrain<IUserPushGrain>(_world.UserKey).GetBlockStatusAsync().Result.Outstanding == 0);
        var late = await _world.AnswerAsync(0, challenge.ChallengeId, "d1", "approve", challenge.NumberMatch);

        Assert.False(late.Accepted);
        Assert.Equal(ChallengeStatus.Expired, late.Status);
    }

    [Fact]
    public async Task DeviceRemoved_OnlyTarget_CancelsPendingChallenge()
    {
        var single = await ApprovalWorld.CreateAsync(_silos, devices: 0);
        await _silos[0].Grains.GetGrain<IStandInTenantGrain>("solo").SetAsync(new TenantSettings("Solo"));
        var user = GrainKeys.User("acme", "bob");
        await single.AddDeviceAsync("bob-phone");
        await _silos[0].Grains.GetGrain<IStandInUserGrain>(user).PairAsync("bob-phone");
        var challenge = await _silos[0].Grains.GetGrain<IUserPushGrain>(user).CreateChallengeAsync(
            new CreateChallengeRequest("bob", new ChallengeContext("Mail", "Sign in")), RequestOrigin.Internal);
        await _silos[1].Grains.GetGrain<IStandInUserGrain>(user).UnpairAsync("bob-phone");

        await _silos[1].Grains.GetGrain<IUserPushGrain>(user).DeviceRemovedAsync("bob-phone", RequestOrigin.Internal);

        var view = await _silos[0].Grains.GetGrain<IChallengeGrain>(challenge.ChallengeId).GetAsync("acme");
        Assert.Equal(ChallengeStatus.Cancelled, view!.Status);
    }

    private static async Task Poll(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(25);
        }
    }
}
