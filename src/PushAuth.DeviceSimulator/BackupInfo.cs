namespace PushAuth.DeviceSimulator;

/// <summary>A backup as its owner device sees it.</summary>
public sealed record BackupInfo(string BackupId, string Channel, string MaskedContact, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset PasscodeChangedAt,
    int AccountCount, int PushAccountCount, string Status, int AttemptsLeft, DateTimeOffset? LastRestoredAt);
