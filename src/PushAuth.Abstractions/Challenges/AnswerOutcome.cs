using System.Text.Json.Serialization;

namespace PushAuth.Abstractions;

/// <summary>What became of an answer: accepted (the challenge resolved with it) or why it was rejected.</summary>
[GenerateSerializer, Immutable, Alias("pa.AnswerOutcome")]
public sealed record AnswerOutcome(bool Accepted, ChallengeStatus Status, [property: JsonIgnore] AnswerRejection? Rejection)
{
    /// <summary>The rejection's code, as the answer's JSON and the history carry it (<see cref="AnswerRejections.Code"/>).</summary>
    public string? RejectionCode => Rejection is { } r ? AnswerRejections.Code(r) : null;

    public static AnswerOutcome Resolved(ChallengeStatus status) => new(true, status, null);

    public static AnswerOutcome Rejected(ChallengeStatus status, AnswerRejection rejection) => new(false, status, rejection);
}
