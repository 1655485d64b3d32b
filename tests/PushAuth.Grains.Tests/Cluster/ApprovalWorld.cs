using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PushAuth.History;
using PushAuth.Push;
using PushAuth.Security;

namespace PushAuth.Grains.Tests.Cluster;

/// <summary>A tenant, its users and their phones on a TestingHost cluster, driven through the grains as the HTTP layer
/// drives them, from whichever silo a test chooses.</summary>
public sealed class ApprovalWorld(TestCluster cluster)
{
    public string TenantId { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public TestCluster Cluster => cluster;

    /// <summary>The grain factory of silo <paramref name="silo"/> (calls originate there).</summary>
    public IGrainFactory Grains(int silo = 0) => Silo(silo).GetRequiredService<IGrainFactory>();

    public IServiceProvider Silo(int silo) => ((InProcessSiloHandle)cluster.Silos[silo % cluster.Silos.Count]).SiloHost.Services;

    public IHistoryStore History => Silo(0).GetRequiredService<IHistoryStore>();

    public async Task CreateTenantAsync(TenantSettings? settings = null)
    {
        var tenant = Grains().GetGrain<ITenantGrain>(TenantId);
        await tenant.CreateAsync("Test tenant", RequestOrigin.Internal);
        await tenant.UpdateSettingsAsync(settings ?? new TenantSettings("Test tenant", NumberMatchingDigits: 0, PushesPerUserPerMinute: 60, MaxOutstandingChallenges: 20),
            "test", RequestOrigin.Internal);
    }

    /// <summary>A registered device (dev transport) paired with <paramref name="userId"/>.</summary>
    public async Task<Phone> PairedPhoneAsync(string userId, int silo = 0)
    {
        var keys = DeviceKeyPair.Create();
        var deviceId = "dv_" + Guid.NewGuid().ToString("N")[..16];
        var grains = Grains(silo);
        await grains.GetGrain<IDeviceGrain>(deviceId).RegisterAsync(new DeviceRegistration(keys.PublicKeySpki, "android", "dev", null, "1.0", "Test phone"), RequestOrigin.Internal);
        await grains.GetGrain<IDeviceGrain>(deviceId).AddPairingAsync(TenantId, userId);
        await User(userId, silo).AddDeviceAsync(TenantId, userId, deviceId, "Test phone", "phrase", RequestOrigin.Internal);
        return new Phone(deviceId, keys);
    }

    public IUserGrain User(string userId, int silo = 0) => Grains(silo).GetGrain<IUserGrain>(GrainKeys.User(TenantId, userId));

    public async Task<ChallengeView> CreateAsync(string userId, int silo = 0, int? expiresInSeconds = null) =>
        (await User(userId, silo).CreateChallengeAsync(TenantId, userId, new CreateChallengeRequest(userId, new ChallengeContext("Mail", "Sign in", "203.0.113.7"),
            NumberMatching: false, ExpiresInSeconds: expiresInSeconds), RequestOrigin.Internal)).View;

    /// <summary>A signed answer, as the phone would send it.</summary>
    public async Task<AnswerOutcome> AnswerAsync(Phone phone, string userId, string challengeId, string decision, int silo = 0)
    {
        var user = User(userId, silo);
        var view = await user.GetChallengeForDeviceAsync(challengeId, phone.DeviceId) ?? throw new InvalidOperationException("not a target");
        var signature = phone.Keys.SignToBase64Url(CanonicalChallengeAnswer.Build(challengeId, view.Nonce, decision, null, decision == "deny" ? "declined" : null, phone.DeviceId));
        return await user.AnswerAsync(challengeId, new ChallengeAnswer(phone.DeviceId, decision, null, decision == "deny" ? DenyReason.Declined : null, view.Nonce, signature),
            RequestOrigin.Internal);
    }

    /// <summary>Pushes the dev transport delivered on any silo to this phone.</summary>
    public IReadOnlyList<PushMessage> PushesTo(Phone phone) =>
        [.. Enumerable.Range(0, cluster.Silos.Count).SelectMany(i => Silo(i).GetRequiredService<DevPushInbox>().Get(phone.DeviceId))];

    /// <summary>History events of this tenant, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string? activity = null)
    {
        var page = await History.QueryAsync(new HistoryQuery(TenantId, Activity: activity, Limit: 1000));
        return [.. page.Reverse().Select(r => r.Event)];
    }

    /// <summary>Polls until <paramref name="condition"/> holds, or fails after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(because ?? "The condition did not hold in time.");
            }
            await Task.Delay(50);
        }
    }
}

/// <summary>A simulated phone: its device id and key pair.</summary>
public sealed record Phone(string DeviceId, DeviceKeyPair Keys);
