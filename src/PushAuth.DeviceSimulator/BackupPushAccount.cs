namespace PushAuth.DeviceSimulator;

/// <summary>A push account the backup covers.</summary>
public sealed record BackupPushAccount(string TenantId, string UserId);
