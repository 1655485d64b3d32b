namespace PushAuth.Abstractions;

/// <summary>What became of a notice.</summary>
public enum UserNoticeResult
{
    /// <summary>Handed to the sender (e.g. an email accepted by the SMTP server).</summary>
    Sent,

    /// <summary>The user has no verified contact: nothing to send, nothing to retry.</summary>
    NoVerifiedContact,

    /// <summary>A transient failure: the owed notice is retried with backoff.</summary>
    RetryLater,
}
