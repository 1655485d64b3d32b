using PushAuth.Abstractions;

namespace PushAuth.Oidc.Prompt;

/// <summary>
/// What an answered push or code means for the ID token: the status, and the <c>amr</c> and <c>acr</c> values (RFC 8176;
/// each is defined in docs/oidc.md). Pure: the prompt and CIBA grains both decide through it.
/// </summary>
public static class SecondFactor
{
    public const string AcrPush = "urn:pushauth:acr:push";
    public const string AcrPushNumberMatch = "urn:pushauth:acr:push-number-match";
    public const string AcrOtp = "urn:pushauth:acr:otp";
    public const string AcrTemporaryCode = "urn:pushauth:acr:temporary-code";
    public const string AcrAutoApprove = "urn:pushauth:acr:auto-approve";

    /// <summary>The authentication as a resolved (or pending) push challenge leaves it.</summary>
    public static OidcAuthentication FromChallenge(OidcAuthentication current, ChallengeView challenge) => challenge.Status switch
    {
        ChallengeStatus.Pending => current with { Status = OidcAuthenticationStatus.Pending, ChallengeId = challenge.ChallengeId, NumberMatch = challenge.NumberMatch },
        ChallengeStatus.Approved => current with
        {
            Status = OidcAuthenticationStatus.Approved,
            ChallengeId = challenge.ChallengeId,
            Method = "push",
            Amr = PushAmr(challenge),
            AuthTime = challenge.ResolvedAt ?? challenge.CreatedAt,
            Detail = null,
        },
        ChallengeStatus.Denied when challenge.DenyReason == DenyReason.Fraud => current with
        {
            Status = OidcAuthenticationStatus.FraudReported,
            ChallengeId = challenge.ChallengeId,
            Detail = "The user reported this sign-in as not theirs (\"this wasn't me\"); pushes are paused for them.",
        },
        ChallengeStatus.Denied => current with
        {
            Status = OidcAuthenticationStatus.Denied,
            ChallengeId = challenge.ChallengeId,
            Detail = challenge.DenyReason == DenyReason.NumberMismatch
                ? "The number typed on the phone did not match the one shown."
                : "The user denied the sign-in on their phone.",
        },
        _ => current with
        {
            Status = OidcAuthenticationStatus.Expired,
            ChallengeId = challenge.ChallengeId,
            Detail = challenge.Status == ChallengeStatus.Cancelled ? "The push was cancelled." : "Nobody answered the push in time.",
        },
    };

    /// <summary>A push approved by a person who typed the shown number: mfa, swk (the device's key signed the answer)
    /// and user (a presence test an accidental tap cannot pass). Without number matching, mfa and swk. A push approved
    /// by the user's auto-approve rule (a known service, action and network) is geo alone: no device answered it, so it
    /// claims neither a second factor nor a key.</summary>
    public static IReadOnlyList<string> PushAmr(ChallengeView challenge) =>
        challenge.AutoApproved ? ["geo"] : challenge.NumberMatch is not null ? ["mfa", "swk", "user"] : ["mfa", "swk"];

    /// <summary>A TOTP code is otp; so is a temporary code, which acr tells apart.</summary>
    public static IReadOnlyList<string> CodeAmr => ["otp"];

    /// <summary>The acr value of an approved authentication.</summary>
    public static string Acr(OidcAuthentication approved) => approved.Method switch
    {
        "push" when approved.Amr?.Contains("user") == true => AcrPushNumberMatch,
        "push" when approved.Amr?.Contains("geo") == true => AcrAutoApprove,
        "push" => AcrPush,
        "temporary-code" => AcrTemporaryCode,
        _ => AcrOtp,
    };
}
