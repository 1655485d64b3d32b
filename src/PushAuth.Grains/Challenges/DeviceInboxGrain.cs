using PushAuth.Abstractions;
using PushAuth.Hosting;

namespace PushAuth.Grains.Challenges;

/// <summary>Challenges a device can pull, bounded and pruned by expiry. A leaf grain: calls nothing.</summary>
public sealed class DeviceInboxGrain(IPersistentState<DeviceInboxState> state, TimeProvider time) : IDeviceInboxGrain
{
    private const int MaxEntries = 50;

    public async Task AddAsync(string challengeId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var live = state.State.Entries.Where(e => e.ExpiresAt > now && e.ChallengeId != challengeId);
        state.State = new DeviceInboxState { Entries = [.. live.TakeLast(MaxEntries - 1), new InboxEntry(challengeId, expiresAt)] };
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<string> ids = [.. state.State.Entries.Where(e => e.ExpiresAt > now).Reverse().Select(e => e.ChallengeId)];
        return Task.FromResult(ids);
    }

    public async Task RemoveAsync(IReadOnlyCollection<string> challengeIds, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var kept = state.State.Entries.Where(e => e.ExpiresAt > now && !challengeIds.Contains(e.ChallengeId)).ToList();
        if (kept.Count != state.State.Entries.Count)
        {
            state.State = new DeviceInboxState { Entries = kept };
            await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
