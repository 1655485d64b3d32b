namespace PushAuth.Domain.Backup;

public enum ContactVerificationStatus
{
    /// <summary>Code sent, waiting for it.</summary>
    Pending,

    /// <summary>The code or the link was presented; backup and restore accept it for a while.</summary>
    Verified,

    /// <summary>Five wrong codes: a new one must be sent.</summary>
    Failed,

    /// <summary>A newer code was sent to the same device.</summary>
    Superseded,

    /// <summary>The message could not be sent.</summary>
    NotSent,
}
