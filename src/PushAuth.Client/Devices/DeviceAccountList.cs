namespace PushAuth.Client.Devices;

/// <summary>The device's registration and the accounts it is paired with (<c>GET /v1/device</c>).</summary>
/// <param name="DeviceId">The device's id.</param>
/// <param name="Platform">The platform given at registration (<c>android</c>, <c>ios</c>, …).</param>
/// <param name="PushProvider">Where pushes go: <c>fcm</c>, <c>apns</c> or <c>dev</c> (no push; the app pulls).</param>
/// <param name="PushTokenValid">False once the push service said the token is gone: send a new one with
/// <see cref="DeviceClient.UpdatePushTokenAsync"/>.</param>
/// <param name="AppVersion">The app version given at registration.</param>
/// <param name="DisplayName">The name login services and admins see.</param>
/// <param name="RegisteredAt">When the device registered.</param>
/// <param name="Active">False once the device was deregistered or revoked.</param>
/// <param name="PairedUsers">The accounts as <c>tenant/user</c>.</param>
public sealed record DeviceAccountList(string DeviceId, string Platform, string PushProvider, bool PushTokenValid, string AppVersion, string DisplayName,
    DateTimeOffset RegisteredAt, bool Active, IReadOnlyList<string> PairedUsers);
