namespace PushAuth.Domain.Users;

/// <summary>A paired device as a verification method.</summary>
public sealed record DeviceMethod(string MethodId, string DeviceId, string DisplayName, string PairingMethod, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
