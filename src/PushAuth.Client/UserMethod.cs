namespace PushAuth.Client;

/// <summary>A user's verification method.</summary>
/// <param name="MethodId">The method, to disconnect with <see cref="PushAuthClient.DisconnectMethodAsync"/>.</param>
/// <param name="Kind"><c>push</c> (a paired device) or <c>totp</c>.</param>
/// <param name="DisplayName">The device's name, or the TOTP credential's label.</param>
/// <param name="DeviceId">The device, for push methods and TOTP tied to a device.</param>
/// <param name="CreatedAt">When it was paired or enrolled.</param>
/// <param name="LastUsedAt">When it last verified the user.</param>
public sealed record UserMethod(string MethodId, string Kind, string DisplayName, string? DeviceId, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
