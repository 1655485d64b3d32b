using PushAuth.Hosting;

namespace PushAuth.Grains.Challenges;

[GrainState(1)]
public sealed record WebhookSecretState
{
    public string? Secret { get; init; }

    public DateTimeOffset? RotatedAt { get; init; }
}
