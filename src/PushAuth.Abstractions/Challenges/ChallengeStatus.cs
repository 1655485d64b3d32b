namespace PushAuth.Abstractions;

/// <summary>Life cycle of a push challenge. Pending resolves exactly once.</summary>
public enum ChallengeStatus
{
    /// <summary>Not created (an unknown challenge id).</summary>
    None,

    /// <summary>Waiting for the user's answer.</summary>
    Pending,

    /// <summary>Approved on a paired device (or by an auto-approve rule).</summary>
    Approved,

    /// <summary>Denied on a device ("this wasn't me", mistake, or a wrong number).</summary>
    Denied,

    /// <summary>Nobody answered in time.</summary>
    Expired,

    /// <summary>Cancelled by the login service, or because no paired device remained.</summary>
    Cancelled,
}
