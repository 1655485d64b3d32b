using System.Globalization;
using PushAuth.Messaging;

namespace PushAuth.Grains.Backup;

/// <summary>The text of user notices sent to a verified contact. Tells what happened and what to do if it was not the
/// user's doing; never carries a code or a secret (the temporary code itself reaches the user through the admin).</summary>
internal static class UserNoticeMessages
{
    public static ContactMessage Compose(string channel, string to, UserNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var account = $"{notice.UserId} ({notice.TenantId})";
        var (subject, text) = notice.Kind switch
        {
            UserNoticeKinds.TemporaryCodeIssued => ("A temporary sign-in code was issued for your account",
                $"An administrator issued a temporary verification code for {account}, valid until {When(notice, "expiresAt")}. "
                + "If you did not ask for one, contact your administrators."),
            UserNoticeKinds.MfaRevoked => ("Your sign-in methods were revoked",
                $"All verification methods of {account} were revoked at {When(notice, "revokedAt")} (reason: {Value(notice, "reason")}). "
                + "Pair your new phone again to sign in. If you did not report a lost or stolen device, contact your administrators."),
            _ => ("A change to your account", $"Something changed on {account}: {notice.Kind}. If it was not you, contact your administrators."),
        };
        return channel == ContactChannels.Sms
            ? new ContactMessage(channel, to, null, "PushAuth: " + text, null, notice.NoticeId, "")
            : new ContactMessage(channel, to, subject, text, null, notice.NoticeId, "");
    }

    private static string Value(UserNotice notice, string key) => notice.Data.TryGetValue(key, out var v) ? v : "unknown";

    private static string When(UserNotice notice, string key) =>
        DateTimeOffset.TryParse(Value(notice, key), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : "an unknown time";
}
