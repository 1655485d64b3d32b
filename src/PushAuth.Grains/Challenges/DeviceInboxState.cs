using PushAuth.Hosting;

namespace PushAuth.Grains.Challenges;

[GrainState(1)]
public sealed record DeviceInboxState
{
    public IReadOnlyList<InboxEntry> Entries { get; init; } = [];
}

/// <summary>A challenge a device may pull until it expires.</summary>
public sealed record InboxEntry(string ChallengeId, DateTimeOffset ExpiresAt);
