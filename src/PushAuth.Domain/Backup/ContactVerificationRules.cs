namespace PushAuth.Domain.Backup;

/// <summary>
/// The decisions of contact verification, pure: a code lives 10 minutes and allows 5 wrong attempts; a contact gets at
/// most 5 messages an hour, and a device one every 30 seconds; a verified contact is good for backup and restore for 15 minutes.
/// With 6 digits, 5 attempts a code and 5 codes an hour, a guesser's chance is 25 in a million per contact and hour.
/// </summary>
public static class ContactVerificationRules
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan VerifiedLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan SendWindow = TimeSpan.FromHours(1);
    public const int MaxAttempts = 5;
    public const int SendsPerWindow = 5;
    private const int MaxRecords = 8;

    /// <summary>How long until the contact may be sent another message for <paramref name="deviceId"/>, or null when it may now.</summary>
    public static TimeSpan? SendRetryAfter(ContactVerificationState s, string deviceId, DateTimeOffset now)
    {
        var recent = s.RecentSends.Where(t => now - t < SendWindow).Order().ToList();
        if (recent.Count >= SendsPerWindow)
        {
            return recent[^SendsPerWindow] + SendWindow - now;
        }
        // The resend pause is the asking device's: a second phone verifying the same address is not held up by the first.
        var last = s.Verifications.Where(v => v.DeviceId == deviceId && v.Status != ContactVerificationStatus.NotSent).Select(v => (DateTimeOffset?)v.CreatedAt).Max();
        if (last is { } at && now - at < ResendInterval)
        {
            return at + ResendInterval - now;
        }
        return null;
    }

    /// <summary>The state with a new pending code for <paramref name="record"/>'s device; that device's earlier pending codes are superseded.</summary>
    public static ContactVerificationState Started(ContactVerificationState s, ContactVerificationRecord record, string channel, string masked, DateTimeOffset now) => s with
    {
        Channel = channel,
        MaskedAddress = masked,
        RecentSends = [.. s.RecentSends.Where(t => now - t < SendWindow), now],
        Verifications = [.. Prune(s.Verifications, now)
            .Select(v => v.DeviceId == record.DeviceId && v.Status == ContactVerificationStatus.Pending ? v with { Status = ContactVerificationStatus.Superseded } : v)
            .TakeLast(MaxRecords - 1), record],
    };

    /// <summary>The send failed: the code is void and the send does not count against the contact.</summary>
    public static ContactVerificationState NotSent(ContactVerificationState s, string verificationId, DateTimeOffset sentAt) => s with
    {
        RecentSends = [.. s.RecentSends.Where(t => t != sentAt)],
        Verifications = Replace(s.Verifications, verificationId, v => v with { Status = ContactVerificationStatus.NotSent }),
    };

    /// <summary>What presenting a code or token to <paramref name="v"/> means before it is checked; null when it may be checked.</summary>
    public static ContactConfirmRefusal? Refusal(ContactVerificationRecord v, DateTimeOffset now) => v.Status switch
    {
        ContactVerificationStatus.Verified => ContactConfirmRefusal.Used,
        ContactVerificationStatus.Failed => ContactConfirmRefusal.TooManyAttempts,
        ContactVerificationStatus.Superseded => ContactConfirmRefusal.Superseded,
        ContactVerificationStatus.NotSent => ContactConfirmRefusal.Superseded,
        _ when now >= v.ExpiresAt => ContactConfirmRefusal.Expired,
        _ => null,
    };

    public static ContactVerificationState Verified(ContactVerificationState s, string verificationId, DateTimeOffset now) => s with
    {
        Verifications = Replace(s.Verifications, verificationId, v => v with { Status = ContactVerificationStatus.Verified, VerifiedAt = now }),
    };

    /// <summary>A wrong code: counted; the fifth makes the code void.</summary>
    public static ContactVerificationState Wrong(ContactVerificationState s, string verificationId) => s with
    {
        Verifications = Replace(s.Verifications, verificationId, v => v with
        {
            FailedAttempts = v.FailedAttempts + 1,
            Status = v.FailedAttempts + 1 >= MaxAttempts ? ContactVerificationStatus.Failed : v.Status,
        }),
    };

    /// <summary>True while a verified record is usable by its device for backup and restore.</summary>
    public static bool IsFreshlyVerified(ContactVerificationRecord v, DateTimeOffset now) =>
        v.Status == ContactVerificationStatus.Verified && v.VerifiedAt is { } at && now < at + VerifiedLifetime;

    private static IEnumerable<ContactVerificationRecord> Prune(IEnumerable<ContactVerificationRecord> records, DateTimeOffset now) =>
        records.Where(v => now < v.ExpiresAt || IsFreshlyVerified(v, now));

    private static IReadOnlyList<ContactVerificationRecord> Replace(IReadOnlyList<ContactVerificationRecord> records, string id, Func<ContactVerificationRecord, ContactVerificationRecord> change) =>
        [.. records.Select(v => v.VerificationId == id ? change(v) : v)];
}
