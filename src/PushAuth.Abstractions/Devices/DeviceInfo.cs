namespace PushAuth.Abstractions;

/// <summary>A registered device as the device itself sees it.</summary>
[GenerateSerializer, Immutable, Alias("pa.DeviceInfo")]
public sealed record DeviceInfo(
    string DeviceId, string Platform, string PushProvider, bool PushTokenValid, string AppVersion, string DisplayName,
    DateTimeOffset RegisteredAt, bool Active, IReadOnlyList<string> PairedUsers);
