namespace PushAuth.Abstractions;

/// <summary>
/// What a device uploads to create or replace a backup: the KDF salt and parameters, the enrollment sealed to the
/// server's backup key (the passcode-derived auth key and the new per-backup secret), the encrypted blob, and how many
/// accounts the device says it holds. All base64url; the server can read none of the blob.
/// </summary>
[GenerateSerializer, Immutable, Alias("pa.BackupUpload")]
public sealed record BackupUpload(string Salt, BackupKdf Kdf, string Enrollment, string Blob, int AccountCount);
