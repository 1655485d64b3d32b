namespace PushAuth.Abstractions;

/// <summary>A push account a backup covers: a user the backing-up device was paired with.</summary>
[GenerateSerializer, Immutable, Alias("pa.BackupAccount")]
public sealed record BackupAccount(string TenantId, string UserId);
