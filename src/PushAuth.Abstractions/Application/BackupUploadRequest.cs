namespace PushAuth.Abstractions;

/// <summary>An upload as the device sends it (<see cref="BackupUpload"/> before its checks): the salt, KDF parameters,
/// sealed enrollment, encrypted blob and account count, each as received.</summary>
public sealed record BackupUploadRequest(string? Salt, BackupKdf Kdf, string? Enrollment, string? Blob, int? AccountCount);
