namespace PushAuth.Client;

/// <summary>A device a challenge can target (<c>deviceId</c> of <see cref="PushAuthClient.CreateChallengeAsync"/>).</summary>
/// <param name="MethodId">The push method.</param>
/// <param name="DeviceId">The device, to pass as <c>deviceId</c>.</param>
/// <param name="DisplayName">The name to show in a device picker.</param>
/// <param name="LastUsedAt">When it last approved a sign-in.</param>
public sealed record PreCheckDevice(string MethodId, string DeviceId, string DisplayName, DateTimeOffset? LastUsedAt);
