namespace PushAuth.Abstractions;

/// <summary>The catalogue entry and detail of each <see cref="AnswerRejection"/>: the one place a rejected answer becomes a problem.</summary>
public static class AnswerRejections
{
    /// <summary>The code a rejection is published under (the answer's <c>rejectionCode</c>).</summary>
    public static ProblemCode Problem(AnswerRejection rejection) => rejection switch
    {
        AnswerRejection.NotFound or AnswerRejection.NotATarget => ProblemCodes.Challenges.NotFound,
        AnswerRejection.BadSignature => ProblemCodes.Challenges.BadSignature,
        AnswerRejection.DeviceNotPaired => ProblemCodes.Challenges.DeviceNotPaired,
        AnswerRejection.NumberMismatch => ProblemCodes.Challenges.NumberMismatch,
        _ => ProblemCodes.Challenges.AlreadyResolved,
    };

    /// <summary>The rejection's own code, as the answer and the history record it: the published code, except that a device
    /// that is not a target is told "not found" while the record says what happened (<c>challenge.not-a-target</c>).</summary>
    public static string Code(AnswerRejection rejection) =>
        rejection == AnswerRejection.NotATarget ? "challenge.not-a-target" : Problem(rejection).Code;

    /// <summary>The refusal a caller gets for <paramref name="outcome"/>'s rejection.</summary>
    public static PushAuthException Error(AnswerOutcome outcome) => outcome.Rejection switch
    {
        AnswerRejection.NotFound or AnswerRejection.NotATarget => ProblemCodes.Challenges.NotFound.Error("No such challenge."),
        AnswerRejection.BadSignature => ProblemCodes.Challenges.BadSignature.Error(
            "The answer's signature or nonce does not verify with this device's key (sign the PA2-ANSWER string, reason included)."),
        AnswerRejection.DeviceNotPaired => ProblemCodes.Challenges.DeviceNotPaired.Error("This device is no longer paired with the user."),
        AnswerRejection.NumberMismatch => ProblemCodes.Challenges.NumberMismatch.Error("The number does not match the login page; the challenge is denied."),
        _ => ProblemCodes.Challenges.AlreadyResolved.Error($"The challenge is already {outcome.Status.ToString().ToLowerInvariant()}."),
    };
}
