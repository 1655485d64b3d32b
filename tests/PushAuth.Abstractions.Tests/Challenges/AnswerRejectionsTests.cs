using PushAuth.Abstractions;

namespace PushAuth.Abstractions.Tests.Challenges;

/// <summary>A rejected answer is an enum, mapped to its catalogue entry in one place.</summary>
public sealed class AnswerRejectionsTests
{
    [Theory]
    [InlineData(AnswerRejection.NotFound, "challenge.not-found", ErrorKind.NotFound, "challenge.not-found")]
    [InlineData(AnswerRejection.NotATarget, "challenge.not-found", ErrorKind.NotFound, "challenge.not-a-target")]
    [InlineData(AnswerRejection.BadSignature, "challenge.bad-signature", ErrorKind.Unauthenticated, "challenge.bad-signature")]
    [InlineData(AnswerRejection.DeviceNotPaired, "challenge.device-not-paired", ErrorKind.Forbidden, "challenge.device-not-paired")]
    [InlineData(AnswerRejection.AlreadyResolved, "challenge.already-resolved", ErrorKind.Conflict, "challenge.already-resolved")]
    [InlineData(AnswerRejection.NumberMismatch, "challenge.number-mismatch", ErrorKind.Conflict, "challenge.number-mismatch")]
    public void Error_EachRejection_ItsCatalogueEntry(AnswerRejection rejection, string code, ErrorKind kind, string recorded)
    {
        var outcome = AnswerOutcome.Rejected(ChallengeStatus.Approved, rejection);

        var error = AnswerRejections.Error(outcome);

        Assert.Equal(code, error.Code);
        Assert.Equal(kind, error.Kind);
        Assert.Contains(error.Problem, ProblemCodes.All);
        Assert.Equal(recorded, outcome.RejectionCode);
    }

    [Fact]
    public void Error_AlreadyResolved_SaysTheStatus()
    {
        var error = AnswerRejections.Error(AnswerOutcome.Rejected(ChallengeStatus.Expired, AnswerRejection.AlreadyResolved));

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolved_HasNoRejection()
    {
        var outcome = AnswerOutcome.Resolved(ChallengeStatus.Approved);

        Assert.True(outcome.Accepted);
        Assert.Null(outcome.Rejection);
        Assert.Null(outcome.RejectionCode);
    }
}
