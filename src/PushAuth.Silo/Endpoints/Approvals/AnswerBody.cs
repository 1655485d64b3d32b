using System.ComponentModel.DataAnnotations;
using PushAuth.Abstractions;

namespace PushAuth.Silo.Endpoints.Approvals;

/// <summary>Body of a device's answer: the decision and its signature over the canonical answer string.</summary>
public sealed record AnswerBody([property: Required] string? Decision, string? NumberAnswer, DenyReason? Reason, [property: Required] string? Nonce, [property: Required] string? Signature)
{
    public ChallengeAnswer ToAnswer(string deviceId)
    {
        if (Decision is not ("approve" or "deny"))
        {
            throw ProblemCodes.Pairing.DecisionInvalid.Error("'decision' must be \"approve\" or \"deny\".");
        }
        if (string.IsNullOrEmpty(Nonce) || Nonce.Length > 64)
        {
            throw ProblemCodes.Challenges.NonceInvalid.Error("'nonce' (from the challenge) is required.");
        }
        if (string.IsNullOrEmpty(Signature) || Signature.Length > 200)
        {
            throw ProblemCodes.Challenges.SignatureMissing.Error("'signature' (base64url P1363 over the canonical answer) is required.");
        }
        if (NumberAnswer is { } n && (n.Length > 6 || !n.All(char.IsAsciiDigit)))
        {
            throw ProblemCodes.Challenges.NumberAnswerInvalid.Error("'numberAnswer' must be the digits shown on the login page.");
        }
        if (Reason is { } reason && (Decision != "deny" || reason == DenyReason.NumberMismatch))
        {
            throw ProblemCodes.Challenges.ReasonInvalid.Error("'reason' is only for denials: declined, fraud or mistake.");
        }
        return new ChallengeAnswer(deviceId, Decision, NumberAnswer, Reason, Nonce, Signature);
    }
}
