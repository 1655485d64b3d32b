using PushAuth.Abstractions;
using PushAuth.Security;

namespace PushAuth.Grains.Tests.Cluster;

/// <summary>A tenant with one user and paired devices (each with its own P-256 key) on a set of silos.</summary>
public sealed class ApprovalWorld : IAsyncDisposable
{
    private readonly Dictionary<string, DeviceKeyPair> _keys = [];

    public ApprovalWorld(IReadOnlyList<ApprovalSilo> silos) => Silos = silos;

    public IReadOnlyList<ApprovalSilo> Silos { get; }

    public string TenantId { get; } = "acme";

    public string UserId { get; private init; } = "alice";

    /// <summary>Push provider the devices register with.</summary>
    public string Provider { get; private init; } = "dev";

    public string UserKey => GrainKeys.User(TenantId, UserId);

    public static async Task<ApprovalWorld> CreateAsync(IReadOnlyList<ApprovalSilo> silos, int devices, TenantSettings? settings = null, string provider = "dev", string userId = "alice")
    {
        var world = new ApprovalWorld(silos) { Provider = provider, UserId = userId };
        var grains = silos[0].Grains;
        await grains.GetGrain<IStandInTenantGrain>(world.TenantId).SetAsync(settings ?? new TenantSettings("Acme", NumberMatchingDigits: 2));
        for (var i = 1; i <= devices; i++)
        {
            await world.AddDeviceAsync("d" + i);
        }
        return world;
    }

    /// <summary>Pairs a new device with another user of the same tenant.</summary>
    public async Task AddDeviceForAsync(string userId, string deviceId)
    {
        var key = DeviceKeyPair.Create();
        _keys[deviceId] = key;
        await Silos[0].Grains.GetGrain<IStandInDeviceGrain>(deviceId).RegisterAsync(key.PublicKeySpki, "token-" + deviceId, Provider);
        await Silos[0].Grains.GetGrain<IStandInUserGrain>(GrainKeys.User(TenantId, userId)).PairAsync(deviceId);
    }

    public async Task AddDeviceAsync(string deviceId)
    {
        var key = DeviceKeyPair.Create();
        _keys[deviceId] = key;
        await Silos[0].Grains.GetGrain<IStandInDeviceGrain>(deviceId).RegisterAsync(key.PublicKeySpki, "token-" + deviceId, Provider);
        await Silos[0].Grains.GetGrain<IStandInUserGrain>(UserKey).PairAsync(deviceId);
    }

    public Task<ChallengeView> CreateAsync(int silo = 0, bool numberMatching = true, string? idempotencyKey = null, int? ttlSeconds = null) =>
        CreateForAsync(UserId, silo, numberMatching, idempotencyKey, ttlSeconds);

    public Task<ChallengeView> CreateForAsync(string userId, int silo = 0, bool numberMatching = true, string? idempotencyKey = null, int? ttlSeconds = null) =>
        Silos[silo].Grains.GetGrain<IUserPushGrain>(GrainKeys.User(TenantId, userId)).CreateChallengeAsync(
            new CreateChallengeRequest(userId, new ChallengeContext("Acme Mail", "Sign in", "203.0.113.9"), numberMatching, ExpiresInSeconds: ttlSeconds, IdempotencyKey: idempotencyKey),
            RequestOrigin.Internal);

    /// <summary>Signatures sent so far (for leak checks).</summary>
    public List<string> LastSignatures { get; } = [];

    public string PublicKeyOf(string deviceId) => _keys[deviceId].PublicKeySpki;

    /// <summary>What the app does: read the challenge, sign the decision, send it.</summary>
    public async Task<AnswerOutcome> AnswerAsync(int silo, string challengeId, string deviceId, string decision, string? number, DenyReason? reason = null, DeviceKeyPair? signWith = null)
    {
        var grain = Silos[silo].Grains.GetGrain<IChallengeGrain>(challengeId);
        var view = await grain.GetForDeviceAsync(deviceId);
        var nonce = view?.Nonce ?? "unknown-nonce";
        var signature = (signWith ?? _keys[deviceId]).SignToBase64Url(CanonicalChallengeAnswer.Build(challengeId, nonce, decision, number, deviceId));
        lock (LastSignatures)
        {
            LastSignatures.Add(signature);
        }
        return await grain.AnswerAsync(new ChallengeAnswer(deviceId, decision, number, reason, nonce, signature), RequestOrigin.Internal);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
