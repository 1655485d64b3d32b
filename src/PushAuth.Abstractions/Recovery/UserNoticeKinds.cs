namespace PushAuth.Abstractions;

/// <summary>Kinds of <see cref="UserNotice"/>; the same names follow <c>user.</c> in event webhooks.</summary>
public static class UserNoticeKinds
{
    public const string TemporaryCodeIssued = "temporary-code.issued";
    public const string MfaRevoked = "mfa.revoked";
}
