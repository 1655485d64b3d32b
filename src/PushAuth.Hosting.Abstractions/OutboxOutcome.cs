namespace PushAuth.Hosting;

/// <summary>What became of an outbox message.</summary>
public readonly record struct OutboxOutcome(OutboxOutcomeKind Kind, DateTimeOffset? RetryAt = null, string? Reason = null)
{
    public static OutboxOutcome Done { get; } = new(OutboxOutcomeKind.Done);

    public static OutboxOutcome Retry(DateTimeOffset at, string reason) => new(OutboxOutcomeKind.Retry, at, reason);

    public static OutboxOutcome Drop(string reason) => new(OutboxOutcomeKind.Dropped, null, reason);
}

/// <summary>Kinds of <see cref="OutboxOutcome"/>.</summary>
public enum OutboxOutcomeKind
{
    /// <summary>Handled; the message is removed.</summary>
    Done,

    /// <summary>Try again later.</summary>
    Retry,

    /// <summary>Given up on (e.g. the challenge expired); the message is removed.</summary>
    Dropped,
}
