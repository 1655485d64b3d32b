namespace PushAuth.Messaging;

/// <summary>Classified outcome of one send.</summary>
public enum SendResultKind
{
    /// <summary>The server or provider accepted the message.</summary>
    Sent,

    /// <summary>The address cannot receive it (no such mailbox, not a mobile number, opted out): the user must give another.</summary>
    InvalidRecipient,

    /// <summary>Transient: outage, throttling, network. Asking again later may work.</summary>
    RetryLater,

    /// <summary>Our credentials or TLS settings were rejected: the operator must fix the configuration.</summary>
    AuthFailure,

    /// <summary>Refused for another reason that retrying will not change.</summary>
    PermanentFailure,
}
