namespace PushAuth.Abstractions;

/// <summary>A device session token (<c>Authorization: Device {token}</c>) and its expiry.</summary>
public sealed record DeviceSessionToken(string Token, DateTimeOffset ExpiresAt);
