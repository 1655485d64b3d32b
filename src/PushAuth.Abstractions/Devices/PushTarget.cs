namespace PushAuth.Abstractions;

/// <summary>A device a push for a user goes to.</summary>
[GenerateSerializer, Immutable, Alias("pa.PushTarget")]
public sealed record PushTarget(string DeviceId, string PairingId, string DisplayName);
