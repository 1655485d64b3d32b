namespace PushAuth.Abstractions;

/// <summary>
/// One push to one device, owed by the grain that decided it and sent by the device's grain on a gateway silo.
/// No secrets, no prompt text: the device fetches details over its authenticated channel.
/// </summary>
/// <param name="Kind">"challenge", "closed" (someone else answered) or "pairing".</param>
/// <param name="ReferenceId">The challenge or pairing id.</param>
[GenerateSerializer, Immutable, Alias("pa.PushRequest")]
public sealed record PushRequest(string Kind, string DeviceId, string ReferenceId, string Nonce, DateTimeOffset ExpiresAt, string? CollapseId = null);
