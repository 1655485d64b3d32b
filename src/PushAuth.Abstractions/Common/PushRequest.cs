using System.Text.Json;

namespace PushAuth.Abstractions;

/// <summary>
/// An outbox message of topic <see cref="Topic"/>: push something to one device. No secrets, no prompt text:
/// the device fetches details over its authenticated channel.
/// </summary>
/// <param name="Kind">"challenge", "closed" (someone else answered) or "pairing".</param>
/// <param name="ReferenceId">The challenge or pairing id.</param>
[GenerateSerializer, Immutable, Alias("pa.PushRequest")]
public sealed record PushRequest(string Kind, string DeviceId, string ReferenceId, string Nonce, DateTimeOffset ExpiresAt, string? CollapseId = null)
{
    public const string Topic = "push";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PushRequest FromJson(string json) => JsonSerializer.Deserialize<PushRequest>(json, Json)
        ?? throw new JsonException("Empty push request.");
}
