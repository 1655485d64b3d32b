namespace PushAuth.Abstractions;

/// <summary>
/// A refusal with a stable machine-readable code from the catalogue (<see cref="ProblemCodes"/>). Domain rules and grains
/// throw it, so it reaches every caller the same way across grain calls; the silo turns it into an RFC 9457
/// problem+json answer. Messages never contain secrets.
/// </summary>
[GenerateSerializer, Alias("pa.PushAuthException")]
public sealed class PushAuthException : Exception
{
    public PushAuthException(ProblemCode problem, string detail, TimeSpan? retryAfter = null) : base(detail)
    {
        Kind = problem.Kind;
        Code = problem.Code;
        Title = problem.Title;
        RetryAfter = retryAfter;
    }

    // Orleans carries it between silos: the fields below travel with the message and stack trace.
    [Id(0)]
    public ErrorKind Kind { get; private set; }

    /// <summary>Stable code, used as the problem type suffix.</summary>
    [Id(1)]
    public string Code { get; private set; }

    /// <summary>For <see cref="ErrorKind.TooManyRequests"/>, <see cref="ErrorKind.Locked"/> and <see cref="ErrorKind.Unavailable"/>: when to try again.</summary>
    [Id(2)]
    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>The catalogue entry's title.</summary>
    [Id(3)]
    public string Title { get; private set; }

    /// <summary>For a 429 checked inside a grain: the limit's state (nothing left, reset = <see cref="RetryAfter"/>), which
    /// a route that tells that limit reports (<see cref="RateLimitReport"/>); null otherwise.</summary>
    [Id(4)]
    public RateLimitStatus? RateLimit { get; private set; }

    /// <summary>Attaches the refused limit's state (see <see cref="RateLimit"/>).</summary>
    public PushAuthException WithRateLimit(RateLimitStatus limit)
    {
        RateLimit = limit;
        return this;
    }

    /// <summary>The catalogue entry this refusal was made from.</summary>
    public ProblemCode Problem => new(Code, Kind, Title);
}
