namespace PushAuth.Oidc;

/// <summary>Claims of our own in the ID token (docs/oidc.md).</summary>
public static class OidcClaims
{
    /// <summary>The push challenge behind the sign-in, for audit against the history (absent after a code).</summary>
    public const string ChallengeId = "challenge_id";

    /// <summary>A code's own id inside the code (degraded mode has no token table): its single use is recorded by it.</summary>
    internal const string CodeId = "pa_code_id";
}
