using PushAuth.Abstractions;
using PushAuth.Silo.Endpoints.Admin;

namespace PushAuth.Silo.Admin;

/// <summary>Everything the console's user page shows about one user: paired phones, TOTP credentials, the temporary
/// code, push state, backups covering the user, auto-approve rules and (with ReadHistory) recent activity.</summary>
public sealed record UserProfile(
    string UserId,
    IReadOnlyList<ProfileDevice> Devices,
    IReadOnlyList<ProfileTotp> Totp,
    TemporaryCodeView? TemporaryCode,
    int CodesIssuedInLastHour,
    DateTimeOffset? PushRevokedAt,
    PushBlockStatus PushStatus,
    IReadOnlyList<ProfileBackup> Backups,
    IReadOnlyList<AutoApproveRule> AutoApproveRules,
    IReadOnlyList<HistoryEntryView>? RecentActivity);

/// <summary>A paired phone: its push method, the device's platform and app, and where it was last seen from (the
/// newest history entry of that device for this user that has a source address).</summary>
public sealed record ProfileDevice(string MethodId, string DisplayName, string? DeviceId, string? Platform, string? AppVersion, bool? PushTokenValid,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, ProfileSource? LastSource);

/// <summary>Where a device was last seen from.</summary>
public sealed record ProfileSource(DateTimeOffset At, string? SourceIp, string? City, string? Country);

/// <summary>A TOTP credential (the secret never leaves the user grain).</summary>
public sealed record ProfileTotp(string MethodId, string DisplayName, string? DeviceId, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>An encrypted backup that holds this user's account, as its history tells: its newest event decides whether it
/// is still there.</summary>
public sealed record ProfileBackup(string BackupId, bool Active, string LastActivity, DateTimeOffset At, string? DeviceId, string? Details);
