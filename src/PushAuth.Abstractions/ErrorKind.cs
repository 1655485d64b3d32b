namespace PushAuth.Abstractions;

/// <summary>Classes of refusals (<see cref="ProblemCode.Kind"/>); the HTTP layer maps each to one status code, in one place.
/// New members go at the end: the value travels in <see cref="PushAuthException"/> between silos.</summary>
public enum ErrorKind
{
    /// <summary>Malformed or out-of-range input (400).</summary>
    Validation,

    /// <summary>Missing or bad credentials, or a bad device signature (401).</summary>
    Unauthenticated,

    /// <summary>Authenticated but not allowed (403).</summary>
    Forbidden,

    /// <summary>Unknown resource, including resources of another tenant (404).</summary>
    NotFound,

    /// <summary>The resource is not in a state that allows the operation (409).</summary>
    Conflict,

    /// <summary>The resource existed but has expired or been used (410).</summary>
    Gone,

    /// <summary>Too many attempts or requests (429).</summary>
    TooManyRequests,

    /// <summary>Locked after repeated failures or a fraud report (423).</summary>
    Locked,

    /// <summary>Well-formed but refused as it stands, e.g. an Idempotency-Key reused with another body (422).</summary>
    Unprocessable,

    /// <summary>Larger than accepted, e.g. a backup blob over its bound (413).</summary>
    PayloadTooLarge,

    /// <summary>A dependency (an email or SMS provider) failed; retrying later may work (503).</summary>
    Unavailable,

    /// <summary>The body is not of a media type the operation reads (415).</summary>
    UnsupportedMediaType,

    /// <summary>The route does not take this method (405).</summary>
    MethodNotAllowed,

    /// <summary>No representation the client accepts (406).</summary>
    NotAcceptable,

    /// <summary>The request headers are too large (431).</summary>
    HeadersTooLarge,

    /// <summary>The client went away before the answer (499, logged only).</summary>
    ClientClosed,

    /// <summary>An unexpected error: a bug (500).</summary>
    Internal,
}
