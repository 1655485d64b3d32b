namespace PushAuth.Abstractions;

/// <summary>Proof, inside the cluster, that <paramref name="DeviceId"/> verified the contact <paramref name="ContactKey"/>.</summary>
[GenerateSerializer, Immutable, Alias("pa.VerifiedContact")]
public sealed record VerifiedContact(string ContactKey, string Channel, string MaskedAddress, string DeviceId, string VerificationId, DateTimeOffset VerifiedAt, DateTimeOffset ValidUntil);
