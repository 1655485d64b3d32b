using Microsoft.Extensions.DependencyInjection;
using PushAuth.Grains.Devices;
using PushAuth.Grains.Tests.Cluster;
using PushAuth.Security;

namespace PushAuth.Grains.Tests.Cluster;

/// <summary>
/// The approval invariants on a three-silo cluster: whatever races, exactly one resolution, and every waiter sees it.
/// Run against PostgreSQL (Orleans' ADO.NET providers) and Azurite (Orleans' Azure providers) by the subclasses.
/// </summary>
public abstract class ApprovalInvariantTests(ApprovalClusterFixture fixture)
{
    private ApprovalWorld World { get; } = new(fixture.Cluster);

    [Fact]
    public async Task RacingAnswers_FromEverySilo_ExactlyOneResolutionAndEveryWaiterSeesIt()
    {
        var w = World;
        await w.CreateTenantAsync();
        var phoneA = await w.PairedPhoneAsync("alice");
        var phoneB = await w.PairedPhoneAsync("alice");
        var challenge = await w.CreateAsync("alice", silo: 1);
        var waiters = Enumerable.Range(0, 6)
            .Select(i => w.User("alice", i).WaitForChallengeAsync(w.TenantId, challenge.ChallengeId, TimeSpan.FromSeconds(15)))
            .ToList();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            w.AnswerAsync(i % 2 == 0 ? phoneA : phoneB, "alice", challenge.ChallengeId, i % 3 == 0 ? "deny" : "approve", silo: i)));
        var seen = await Task.WhenAll(waiters);

        var winner = Assert.Single(answers, a => a.Accepted);
        Assert.All(answers.Where(a => !a.Accepted), a => Assert.Equal("challenge.already-resolved", a.RejectionCode));
        Assert.All(seen, v => Assert.Equal(winner.Status, v!.Status));
        var final = await w.User("alice", 2).GetChallengeAsync(w.TenantId, challenge.ChallengeId);
        Assert.Equal(winner.Status, final!.Status);
        await ApprovalWorld.EventuallyAsync(async () => (await w.HistoryAsync("challenge.answered")).Count == 1, because: "one answered event");
    }

    [Fact]
    public async Task CancelRacingApprove_ExactlyOneWins()
    {
        var w = World;
        await w.CreateTenantAsync();
        var phone = await w.PairedPhoneAsync("bob");
        for (var round = 0; round < 5; round++)
        {
            var challenge = await w.CreateAsync("bob", silo: round);
            var cancel = w.User("bob", round + 1).CancelChallengeAsync(w.TenantId, challenge.ChallengeId, RequestOrigin.Internal);
            var approve = w.AnswerAsync(phone, "bob", challenge.ChallengeId, "approve", silo: round + 2);
            var (cancelled, answered) = (await cancel, await approve);

            Assert.True(answered.Accepted ^ (cancelled!.Status == ChallengeStatus.Cancelled), $"round {round}: exactly one of cancel and approve wins");
            var final = await w.User("bob").GetChallengeAsync(w.TenantId, challenge.ChallengeId);
            Assert.Equal(answered.Accepted ? ChallengeStatus.Approved : ChallengeStatus.Cancelled, final!.Status);
        }
    }

    [Fact]
    public async Task Expiry_NobodyAnswers_ExpiresOnceWaitersWokenLateAnswerRefused()
    {
        var w = World;
        await w.CreateTenantAsync();
        var phone = await w.PairedPhoneAsync("carol");
        var challenge = await w.CreateAsync("carol", expiresInSeconds: 10);
        var waiters = Enumerable.Range(0, 3)
            .Select(i => w.User("carol", i).WaitForChallengeAsync(w.TenantId, challenge.ChallengeId, TimeSpan.FromSeconds(20)))
            .ToList();

        var seen = await Task.WhenAll(waiters);
        var late = await w.AnswerAsync(phone, "carol", challenge.ChallengeId, "approve", silo: 2);

        Assert.All(seen, v => Assert.Equal(ChallengeStatus.Expired, v!.Status));
        Assert.False(late.Accepted);
        Assert.Equal(ChallengeStatus.Expired, late.Status);
        await ApprovalWorld.EventuallyAsync(async () => (await w.HistoryAsync("challenge.expired")).Count == 1, because: "one expired event");
        Assert.Empty(await w.HistoryAsync("challenge.answered"));
    }

    [Fact]
    public async Task DuplicateDelivery_ReplayedAnswerAndRedeliveredEffects_CountOnce()
    {
        var w = World;
        await w.CreateTenantAsync();
        var phone = await w.PairedPhoneAsync("dave");
        var challenge = await w.CreateAsync("dave");
        var user = w.User("dave");
        var view = await user.GetChallengeForDeviceAsync(challenge.ChallengeId, phone.DeviceId);
        var signature = phone.Keys.SignToBase64Url(PushAuth.Security.CanonicalChallengeAnswer.Build(challenge.ChallengeId, view!.Nonce, "approve", null, null, phone.DeviceId));
        var answer = new ChallengeAnswer(phone.DeviceId, "approve", null, null, view.Nonce, signature);

        var first = await user.AnswerAsync(challenge.ChallengeId, answer, RequestOrigin.Internal);
        var replay = await w.User("dave", 1).AnswerAsync(challenge.ChallengeId, answer, RequestOrigin.Internal);
        // Drop every activation: the user grain comes back from storage and hands out what it still owes again.
        await w.Grains().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reread = await w.User("dave", 2).GetChallengeAsync(w.TenantId, challenge.ChallengeId);

        Assert.True(first.Accepted);
        Assert.False(replay.Accepted);
        Assert.Equal(ChallengeStatus.Approved, reread!.Status);
        await ApprovalWorld.EventuallyAsync(async () => (await w.HistoryAsync("challenge.answered")).Count == 1);
        await Task.Delay(500);
        Assert.Single(await w.HistoryAsync("challenge.answered"));
        Assert.Single(await w.HistoryAsync("challenge.created"));
        var chain = await PushAuth.History.HistoryChain.VerifyAsync(w.History.ReadChainAsync(w.TenantId), PushAuth.Testing.TestHistoryKeys.Keys);
        Assert.True(chain.IsIntact, chain.Problem);
    }

    [Fact]
    public async Task Create_PushReachesEveryTarget_AtLeastOnce()
    {
        var w = World;
        await w.CreateTenantAsync();
        var phones = new[] { await w.PairedPhoneAsync("erin"), await w.PairedPhoneAsync("erin", silo: 1) };

        var challenge = await w.CreateAsync("erin", silo: 2);

        foreach (var phone in phones)
        {
            await ApprovalWorld.EventuallyAsync(() => Task.FromResult(w.PushesTo(phone).Any(p => p.ReferenceId == challenge.ChallengeId && p.Kind == "challenge")),
                because: "each target device gets the challenge's push");
        }
    }

    [Fact]
    public async Task GrainFactory_CachedInterfaceTypes_SameReferencesAsOrleansAndCallsWork()
    {
        var w = World;
        await w.CreateTenantAsync();
        var services = w.Silo(1);
        var cached = services.GetRequiredService<IGrainFactory>();

        IAddressable[] ours = [cached.GetGrain<IUserGrain>(GrainKeys.User(w.TenantId, "gina")), cached.GetGrain<IDeviceGrain>("dv_x"),
            cached.GetGrain<ITenantGrain>(w.TenantId), cached.GetGrain<IUserGrain>(GrainKeys.User(w.TenantId, "gina"))];
        // The Type-keyed overloads are Orleans' own, unchanged.
        IAddressable[] theirs = [cached.GetGrain(typeof(IUserGrain), GrainKeys.User(w.TenantId, "gina")), cached.GetGrain(typeof(IDeviceGrain), "dv_x"),
            cached.GetGrain(typeof(ITenantGrain), w.TenantId), cached.GetGrain(typeof(IUserGrain), GrainKeys.User(w.TenantId, "gina"))];
        var settings = await cached.GetGrain<ITenantGrain>(w.TenantId).GetSettingsAsync();

        Assert.IsType<PushAuth.Grains.Caching.CachingGrainFactory>(cached);
        Assert.Equal(theirs.Select(r => (r.GetGrainId(), ((GrainReference)r).InterfaceType)), ours.Select(r => (r.GetGrainId(), ((GrainReference)r).InterfaceType)));
        Assert.Equal(theirs.Select(r => r.GetType()), ours.Select(r => r.GetType()));
        Assert.NotNull(settings);
        Assert.Throws<ArgumentException>(() => cached.GetGrain<IUserGrain>(" "));
    }

    [Fact]
    public async Task DeviceKeyForgottenOnEverySilo_VerifierReleased_AnswersStillVerifiedAndForgeriesRefused()
    {
        var w = World;
        await w.CreateTenantAsync();
        var phone = await w.PairedPhoneAsync("frank");
        var first = await w.CreateAsync("frank");
        var firstAnswer = await w.AnswerAsync(phone, "frank", first.ChallengeId, "approve");
        var caches = Enumerable.Range(0, w.Cluster.Silos.Count).Select(i => w.Silo(i).GetRequiredService<DeviceKeyCache>()).ToList();
        var held = await Task.WhenAll(caches.Select(c => c.GetAsync(phone.DeviceId, CancellationToken.None)));

        foreach (var cache in caches)
        {
            cache.Forget(phone.DeviceId);
        }
        var second = await w.CreateAsync("frank", silo: 1);
        var view = await w.User("frank").GetChallengeForDeviceAsync(second.ChallengeId, phone.DeviceId);
        using var stranger = DeviceKeyPair.Create();
        var forged = await w.User("frank").AnswerAsync(second.ChallengeId, new ChallengeAnswer(phone.DeviceId, "approve", null, null, view!.Nonce,
            stranger.SignToBase64Url(CanonicalChallengeAnswer.Build(second.ChallengeId, view.Nonce, "approve", null, null, phone.DeviceId))), RequestOrigin.Internal);
        var genuine = await w.AnswerAsync(phone, "frank", second.ChallengeId, "approve", silo: 2);
        var fresh = await Task.WhenAll(caches.Select(c => c.GetAsync(phone.DeviceId, CancellationToken.None)));

        Assert.True(firstAnswer.Accepted);
        Assert.All(held, k => Assert.False(k!.HoldsVerifier));
        Assert.False(forged.Accepted);
        Assert.True(genuine.Accepted);
        Assert.All(fresh.Zip(held), p => Assert.NotSame(p.Second, p.First));
        Assert.All(fresh, k => Assert.True(k!.HoldsVerifier));
    }
}

[CollectionDefinition(nameof(PostgresApprovalCluster))]
public sealed class PostgresApprovalCluster : ICollectionFixture<PostgresApprovalClusterFixture>;

[Collection(nameof(PostgresApprovalCluster))]
public sealed class PostgresApprovalInvariantTests(PostgresApprovalClusterFixture fixture) : ApprovalInvariantTests(fixture);

[CollectionDefinition(nameof(AzuriteApprovalCluster))]
public sealed class AzuriteApprovalCluster : ICollectionFixture<AzuriteApprovalClusterFixture>;

[Collection(nameof(AzuriteApprovalCluster))]
public sealed class AzuriteApprovalInvariantTests(AzuriteApprovalClusterFixture fixture) : ApprovalInvariantTests(fixture);
