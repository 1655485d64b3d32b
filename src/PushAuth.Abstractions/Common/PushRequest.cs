namespace PushAuth.Abstractions;

/// <summary>
/// One push to one device, owed by the grain that decided it and sent by the device's grain on a gateway silo.
/// No secrets, no prompt text: the device fetches details over its authenticated channel.
/// </summary>
/// <param name="Kind">"challenge", "closed" (someone else answered) or "pairing".</param>
/// <param name="ReferenceId">The challenge or pairing id.</param>
/// <param name="TenantId">For a challenge: the tenant whose history records a push the provider refused.</param>
/// <param name="UserId">For a challenge: the user it asks.</param>
[GenerateSerializer, Immutable, Alias("pa.PushRequest")]
public sealed record PushRequest(string Kind, string DeviceId, string ReferenceId, string Nonce, DateTimeOffset ExpiresAt, string? CollapseId = null,
    string? TenantId = null, string? UserId = null);
