namespace PushAuth.Abstractions;

/// <summary>A backup as its owner device sees it: when it was made and last updated, how many accounts it holds.</summary>
/// <param name="Status"><c>Active</c> or <c>Locked</c> (too many wrong passcodes, with the Lock policy).</param>
/// <param name="AttemptsLeft">Wrong passcodes left before it is locked or destroyed.</param>
[GenerateSerializer, Immutable, Alias("pa.BackupSummary")]
public sealed record BackupSummary(
    string BackupId,
    string Channel,
    string MaskedContact,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset PasscodeChangedAt,
    int AccountCount,
    int PushAccountCount,
    string Status,
    int AttemptsLeft,
    DateTimeOffset? LastRestoredAt);
