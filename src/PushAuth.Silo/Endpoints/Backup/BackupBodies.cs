using System.ComponentModel.DataAnnotations;
namespace PushAuth.Silo.Endpoints.Backup;

/// <summary>Argon2id parameters the device used (libsodium: parallelism 1).</summary>
public sealed record KdfBody([property: Required] string? Algorithm, [property: Required] int? MemoryKiB, [property: Required] int? Iterations, [property: Required] int? Parallelism);

/// <summary>A new backup for a verified contact: base64url salt (16 bytes), KDF parameters, the sealed enrollment,
/// the encrypted blob, the number of accounts in it; <c>replaceExisting</c> to replace another device's backup.</summary>
public sealed record CreateBackupBody([property: Required] string? VerificationId, [property: Required] string? Salt, [property: Required] KdfBody? Kdf, [property: Required] string? Enrollment, [property: Required] string? Blob, [property: Required] int? AccountCount, bool? ReplaceExisting);

/// <summary>The owner's new contents for its backup (an update or a passcode change).</summary>
public sealed record ReplaceBackupBody([property: Required] string? Salt, [property: Required] KdfBody? Kdf, [property: Required] string? Enrollment, [property: Required] string? Blob, [property: Required] int? AccountCount);

/// <summary>A verification of the contact a backup should move to.</summary>
public sealed record ChangeContactBody([property: Required] string? VerificationId);

/// <summary>Starts a restore with a verified contact.</summary>
public sealed record BeginRestoreBody([property: Required] string? VerificationId);

/// <summary>The sealed unlock proof.</summary>
public sealed record UnlockBody([property: Required] string? VerificationId, [property: Required] string? Proof);
