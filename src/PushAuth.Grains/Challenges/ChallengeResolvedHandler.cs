using System.Text.Json;
using PushAuth.Abstractions;
using PushAuth.Hosting;
using PushAuth.Hosting.Storage;

namespace PushAuth.Grains.Challenges;

/// <summary>Delivers challenge resolutions to the per-user grain (outside any grain turn, so no call cycle).</summary>
public sealed class ChallengeResolvedHandler(IGrainFactory grains) : IOutboxHandler
{
    public const string Topic = "challenge.resolved";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    string IOutboxHandler.Topic => Topic;

    public int MaxConcurrency => 32;

    public async Task<OutboxOutcome> HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken = default)
    {
        var message = JsonSerializer.Deserialize<ChallengeResolvedMessage>(envelope.Payload, Json);
        if (message is null)
        {
            return OutboxOutcome.Drop("empty message");
        }
        await grains.GetGrain<IUserPushGrain>(GrainKeys.User(message.TenantId, message.UserId))
            .OnChallengeResolvedAsync(message.Resolution, cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }
}
