using Orleans.TestingHost;

namespace PushAuth.Grains.Tests.Cluster;

/// <summary>Silos killed in the middle of an approval, a deregistration and a disconnect: the grains reactivate on
/// the other silos from storage, nothing is lost, nothing resolves twice, owed effects are finished elsewhere.
/// Each test replaces the silo it killed, so the cluster keeps three.</summary>
[Collection(nameof(PostgresFailureCluster))]
public sealed class SiloFailureTests(PostgresFailureClusterFixture fixture) : IAsyncLifetime
{
    private readonly ApprovalWorld _w = new(fixture.Cluster);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        while (fixture.Cluster.Silos.Count < 3)
        {
            await fixture.Cluster.StartAdditionalSiloAsync();
        }
    }

    [Fact]
    public async Task SiloKilled_MidApproval_GrainReactivatesElsewhere_ApprovedOnce()
    {
        await _w.CreateTenantAsync();
        var phone = await _w.PairedPhoneAsync("alice");
        var challenge = await _w.CreateAsync("alice");
        var host = await HostOfAsync(_w.User("alice"));
        var survivor = SurvivorIndex(host);
        var waiter = _w.User("alice", survivor).WaitForChallengeAsync(_w.TenantId, challenge.ChallengeId, TimeSpan.FromSeconds(15));

        await fixture.Cluster.KillSiloAsync(host);
        var answer = await RetryAsync(() => _w.AnswerAsync(phone, "alice", challenge.ChallengeId, "approve", silo: survivor));
        var replay = await _w.AnswerAsync(phone, "alice", challenge.ChallengeId, "deny", silo: survivor);
        var seen = await RetryAsync(async () =>
        {
            try
            {
                return await waiter;
            }
            catch (SiloUnavailableException)
            {
                // The waiter was parked on the dead silo: it waits again where the grain lives now.
                waiter = _w.User("alice", survivor).WaitForChallengeAsync(_w.TenantId, challenge.ChallengeId, TimeSpan.FromSeconds(15));
                throw;
            }
        });

        Assert.True(answer.Accepted);
        Assert.False(replay.Accepted);
        Assert.Equal(ChallengeStatus.Approved, seen!.Status);
        await ApprovalWorld.EventuallyAsync(async () => (await _w.HistoryAsync("challenge.answered")).Count == 1);
        Assert.Single(await _w.HistoryAsync("challenge.created"));
    }

    [Fact]
    public async Task SiloKilled_WithDeregistrationNoticesOwed_AnotherSiloFinishesThem()
    {
        await _w.CreateTenantAsync();
        var phone = await _w.PairedPhoneAsync("bob");
        var other = await _w.PairedPhoneAsync("bob");
        var pending = await _w.CreateAsync("bob");
        var device = _w.Grains().GetGrain<IDeviceGrain>(phone.DeviceId);
        var host = await HostOfAsync(device);
        // The user refuses the notice until the device's silo is gone: the deregistration is saved, its notice is not delivered.
        NoticeBlocker.BlockedSubjects[phone.DeviceId] = true;
        await _w.Grains(SurvivorIndex(host)).GetGrain<IDeviceGrain>(phone.DeviceId).DeregisterAsync(RequestOrigin.Internal);

        await fixture.Cluster.KillSiloAsync(host);
        NoticeBlocker.BlockedSubjects.TryRemove(phone.DeviceId, out _);

        var user = _w.User("bob", SurvivorIndex(host));
        await ApprovalWorld.EventuallyAsync(async () => (await user.ListMethodsAsync(_w.TenantId)).All(m => m.DeviceId != phone.DeviceId),
            TimeSpan.FromSeconds(60), "the deregistered device is removed from the user by the reminder on a surviving silo");
        Assert.Contains(await user.ListMethodsAsync(_w.TenantId), m => m.DeviceId == other.DeviceId);
        // The other device can still answer, so the challenge stays pending.
        Assert.Equal(ChallengeStatus.Pending, (await user.GetChallengeAsync(_w.TenantId, pending.ChallengeId))!.Status);
    }

    [Fact]
    public async Task SiloKilled_AfterDisconnect_DeviceStillLearnsItWasRemoved()
    {
        await _w.CreateTenantAsync();
        var phone = await _w.PairedPhoneAsync("carol");
        var pending = await _w.CreateAsync("carol");
        var user = _w.User("carol");
        var method = (await user.ListMethodsAsync(_w.TenantId)).Single(m => m.DeviceId == phone.DeviceId);
        var host = await HostOfAsync(user);
        // The device refuses the notice until the user's silo is gone: the disconnect is saved, its notice is not delivered.
        var userKey = GrainKeys.User(_w.TenantId, "carol");
        NoticeBlocker.BlockedSubjects[userKey] = true;

        await user.DisconnectAsync(_w.TenantId, method.MethodId, "test", "stolen", RequestOrigin.Internal);
        await fixture.Cluster.KillSiloAsync(host);
        NoticeBlocker.BlockedSubjects.TryRemove(userKey, out _);

        var survivor = SurvivorIndex(host);
        var device = _w.Grains(survivor).GetGrain<IDeviceGrain>(phone.DeviceId);
        await ApprovalWorld.EventuallyAsync(async () => (await RetryAsync(() => device.GetPairedUserKeysAsync())).Count == 0, TimeSpan.FromSeconds(60),
            "the device is told it was removed, even though the user's silo died");
        var cancelled = await RetryAsync(() => _w.User("carol", survivor).GetChallengeAsync(_w.TenantId, pending.ChallengeId));
        Assert.Equal(ChallengeStatus.Cancelled, cancelled!.Status);
    }

    private async Task<SiloHandle> HostOfAsync(IAddressable grain)
    {
        var address = await _w.Grains().GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(address));
    }

    private int SurvivorIndex(SiloHandle dead) => fixture.Cluster.Silos.Select((s, i) => (s, i)).First(x => x.s != dead).i;

    /// <summary>Calls again while the cluster notices the dead silo.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (attempt < 40 && ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                await Task.Delay(500);
            }
        }
    }
}

[CollectionDefinition(nameof(PostgresFailureCluster))]
public sealed class PostgresFailureCluster : ICollectionFixture<PostgresFailureClusterFixture>;
