namespace PushAuth.Samples.LoginPage;

/// <summary>One browser's sign-in, held on the server (the browser only holds the random cookie naming it).</summary>
public sealed class LoginSession
{
    /// <summary>Taken around every change: one browser may poll and click at once.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public LoginStage Stage { get; set; } = LoginStage.SignedOut;

    public string? UserId { get; set; }

    public string? PairingId { get; set; }

    public string? ChallengeId { get; set; }

    public string? NumberMatch { get; set; }

    /// <summary>The last thing worth telling the user (a refused phrase, a denial's reason).</summary>
    public string? Message { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public object View() => new { stage = Stage.ToString(), userId = UserId, numberMatch = Stage == LoginStage.Approve ? NumberMatch : null, message = Message };
}
