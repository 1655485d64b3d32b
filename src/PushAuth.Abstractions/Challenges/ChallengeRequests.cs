namespace PushAuth.Abstractions;

/// <summary>Rules of <see cref="CreateChallengeRequest"/> every caller meets (the user grain checks them).</summary>
public static class ChallengeRequests
{
    /// <summary>The <c>sessionBinding</c> prefix no login service may use: it once named admin sign-ins.</summary>
    public const string ReservedBindingPrefix = "console:";
}
