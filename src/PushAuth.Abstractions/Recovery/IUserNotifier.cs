namespace PushAuth.Abstractions;

/// <summary>
/// Tells a user, through a verified contact (email, or SMS), about a change to their account. Called by effect
/// delivery after the decision was saved, at least once per notice (dedupe on <see cref="UserNotice.NoticeId"/>).
/// The default registration has no contacts and answers <see cref="UserNoticeResult.NoVerifiedContact"/>; a silo with
/// verified contacts and an email sender registers its own implementation (it replaces the default).
/// </summary>
public interface IUserNotifier
{
    Task<UserNoticeResult> NotifyAsync(UserNotice notice, CancellationToken cancellationToken);
}
