namespace PushAuth.Abstractions;

/// <summary>A pairing as the login service sees it.</summary>
[GenerateSerializer, Immutable, Alias("pa.PairingView")]
public sealed record PairingView(string PairingId, string Kind, PairingStatus Status, string? UserId, string? ServiceName, string? DeviceId, string? MethodId, DateTimeOffset ExpiresAt);
