namespace PushAuth.Abstractions;

/// <summary>A user a device is paired with.</summary>
[GenerateSerializer, Immutable, Alias("pa.PairedUser")]
public sealed record PairedUser(string TenantId, string UserId);
