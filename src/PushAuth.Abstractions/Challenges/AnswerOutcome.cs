namespace PushAuth.Abstractions;

/// <summary>What became of an answer: accepted (the challenge resolved with it) or why it was rejected.</summary>
[GenerateSerializer, Immutable, Alias("pa.AnswerOutcome")]
public sealed record AnswerOutcome(bool Accepted, ChallengeStatus Status, string? RejectionCode)
{
    public static AnswerOutcome Resolved(ChallengeStatus status) => new(true, status, null);

    public static AnswerOutcome Rejected(ChallengeStatus status, string code) => new(false, status, code);
}
