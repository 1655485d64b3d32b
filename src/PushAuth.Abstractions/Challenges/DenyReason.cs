namespace PushAuth.Abstractions;

/// <summary>Why a challenge was denied.</summary>
public enum DenyReason
{
    /// <summary>The user declined without saying why.</summary>
    Declined,

    /// <summary>"This wasn't me": a fraud report. Blocks pushes for the user for a cool-off period.</summary>
    Fraud,

    /// <summary>The user tapped by mistake.</summary>
    Mistake,

    /// <summary>The number typed on the phone did not match the one on the login page.</summary>
    NumberMismatch,
}
