namespace PushAuth.DeviceSimulator;

/// <summary>The device's registration and the accounts (<c>tenant/user</c>) it is paired with.</summary>
public sealed record DeviceAccountList(string DeviceId, string Platform, string PushProvider, bool PushTokenValid, string AppVersion, string DisplayName,
    DateTimeOffset RegisteredAt, bool Active, IReadOnlyList<string> PairedUsers);
