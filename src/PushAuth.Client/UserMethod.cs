namespace PushAuth.Client;

/// <summary>A user's verification method: <see cref="Kind"/> "push" (a paired device) or "totp".</summary>
public sealed record UserMethod(string MethodId, string Kind, string DisplayName, string? DeviceId, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
