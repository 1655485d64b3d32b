namespace PushAuth.Domain.Backup;

/// <summary>One code sent to the contact for one device. The code and link token are stored as peppered HMACs only.</summary>
public sealed record ContactVerificationRecord(
    string VerificationId,
    string DeviceId,
    string CodeHash,
    string LinkHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int FailedAttempts,
    ContactVerificationStatus Status,
    DateTimeOffset? VerifiedAt);
