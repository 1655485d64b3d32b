namespace PushAuth.Abstractions;

/// <summary>A verification as its device sees it.</summary>
/// <param name="Status"><c>Pending</c> or <c>Verified</c>.</param>
/// <param name="VerifiedUntil">Until when backup and restore accept it.</param>
[GenerateSerializer, Immutable, Alias("pa.ContactVerificationView")]
public sealed record ContactVerificationView(string VerificationId, string Channel, string MaskedAddress, string Status, DateTimeOffset ExpiresAt,
    DateTimeOffset? VerifiedUntil, int AttemptsLeft);
