namespace PushAuth.Samples.LoginPage;

/// <summary>Where a browser is in the Account Manager flow (seed 002): sign in, pair by phrase, approve by push.</summary>
public enum LoginStage
{
    SignedOut,

    /// <summary>Password accepted, no authenticator yet: the PAIR A DEVICE page asks for the phrase.</summary>
    Pair,

    /// <summary>The phrase was claimed; the phone is asked to accept the pairing.</summary>
    Pairing,

    /// <summary>DEVICE PAIRING SUCCESSFUL: OK sends the first approval request.</summary>
    Paired,

    /// <summary>A push is out; the page shows the number to type on the phone.</summary>
    Approve,

    SignedIn,

    /// <summary>The push was denied, expired or cancelled; the page says which and offers a new request.</summary>
    Failed,
}
