using PushAuth.Hosting;

namespace PushAuth.Grains.Pairing;

[GrainState(1)]
public sealed record PairingPhraseState
{
    public string? PairingId { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public bool Used { get; init; }
}
