namespace PushAuth.Silo.Http;

/// <summary>The one place a class of refusal (<see cref="ErrorKind"/>, and so every entry of <see cref="ProblemCodes"/>)
/// becomes an HTTP status.</summary>
internal static class ProblemStatus
{
    public static int Of(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorKind.NotAcceptable => StatusCodes.Status406NotAcceptable,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Gone => StatusCodes.Status410Gone,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Locked => StatusCodes.Status423Locked,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.HeadersTooLarge => StatusCodes.Status431RequestHeaderFieldsTooLarge,
        ErrorKind.ClientClosed => StatusCodes.Status499ClientClosedRequest,
        ErrorKind.Internal => StatusCodes.Status500InternalServerError,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
