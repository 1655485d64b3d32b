namespace PushAuth.Abstractions;

/// <summary>Where a second-factor authentication behind the prompt or a CIBA request stands.</summary>
public enum OidcAuthenticationStatus
{
    /// <summary>Nothing sent yet (prompt only: the page has not asked for a push or a code).</summary>
    Started,

    /// <summary>A push is out, waiting for the phone.</summary>
    Pending,

    /// <summary>Approved by push or by a code: a sign-in may be completed once.</summary>
    Approved,

    /// <summary>Denied on the phone (declined, mistake, a wrong number typed).</summary>
    Denied,

    /// <summary>Denied on the phone as "this wasn't me": a fraud report, told apart from a plain denial.</summary>
    FraudReported,

    /// <summary>Nobody answered in time, or the push was cancelled.</summary>
    Expired,

    /// <summary>The sign-in was completed: the outcome cannot be used again.</summary>
    Completed,
}
