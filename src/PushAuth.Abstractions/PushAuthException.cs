namespace PushAuth.Abstractions;

/// <summary>
/// A domain error with a stable machine-readable code (e.g. <c>pairing.expired</c>). Grains throw it;
/// the silo turns it into an RFC 9457 problem+json answer. Messages never contain secrets.
/// </summary>
[GenerateSerializer, Alias("pa.PushAuthException")]
public sealed class PushAuthException : Exception
{
    public PushAuthException(ErrorKind kind, string code, string message, TimeSpan? retryAfter = null) : base(message)
    {
        Kind = kind;
        Code = code;
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

    public static PushAuthException Invalid(string code, string message) => new(ErrorKind.Validation, code, message);

    public static PushAuthException NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);

    public static PushAuthException Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    public static PushAuthException Gone(string code, string message) => new(ErrorKind.Gone, code, message);

    public static PushAuthException Unauthenticated(string code, string message) => new(ErrorKind.Unauthenticated, code, message);

    public static PushAuthException Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);

    public static PushAuthException TooMany(string code, string message, TimeSpan? retryAfter = null) => new(ErrorKind.TooManyRequests, code, message, retryAfter);

    public static PushAuthException Unprocessable(string code, string message) => new(ErrorKind.Unprocessable, code, message);

    public static PushAuthException Locked(string code, string message, TimeSpan? retryAfter = null) => new(ErrorKind.Locked, code, message, retryAfter);

    public static PushAuthException TooLarge(string code, string message) => new(ErrorKind.PayloadTooLarge, code, message);

    public static PushAuthException Unavailable(string code, string message, TimeSpan? retryAfter = null) => new(ErrorKind.Unavailable, code, message, retryAfter);
}
