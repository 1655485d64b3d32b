namespace PushAuth.Abstractions;

public static partial class ProblemCodes
{
    /// <summary>The request as a whole: its body, media type, size, route and host; and the per-field families.</summary>
    public static class Requests
    {
        public static readonly ProblemCodeFamily FieldInvalid = new("{field}.invalid", ErrorKind.Validation, "The field has a wrong type, format or value");
        public static readonly ProblemCodeFamily FieldMissing = new("{field}.missing", ErrorKind.Validation, "The field is required");
        public static readonly ProblemCodeFamily FieldUnknown = new("{field}.unknown", ErrorKind.Validation, "The field is not part of this request (or is read-only)");
        public static readonly ProblemCodeFamily IdUnknown = new("{field}.unknown", ErrorKind.NotFound, "No such id (a malformed one names nothing)");

        public static readonly ProblemCode Invalid = new("request.invalid", ErrorKind.Validation, "The request is malformed");
        public static readonly ProblemCode BodyMissing = new("body.missing", ErrorKind.Validation, "A JSON object body is required");
        public static readonly ProblemCode BodyMalformedJson = new("body.malformed-json", ErrorKind.Validation, "The body is not valid JSON");
        public static readonly ProblemCode BodyInvalid = new("body.invalid", ErrorKind.Validation, "The body is not a JSON object of this operation's fields");
        public static readonly ProblemCode UnsupportedMediaType = new("request.unsupported-media-type", ErrorKind.UnsupportedMediaType, "The body must be JSON");
        public static readonly ProblemCode TooLarge = new("request.too-large", ErrorKind.PayloadTooLarge, "The body is larger than this operation accepts");
        public static readonly ProblemCode HostNotAllowed = new("host.not-allowed", ErrorKind.Validation, "The Host header names a host this deployment does not serve");
        public static readonly ProblemCode Cancelled = new("request.cancelled", ErrorKind.ClientClosed, "The client went away");
        public static readonly ProblemCode RouteNotFound = new("route.not-found", ErrorKind.NotFound, "No such route");
        public static readonly ProblemCode MethodNotAllowed = new("route.method-not-allowed", ErrorKind.MethodNotAllowed, "The route does not take this method");
        public static readonly ProblemCode NotAcceptable = new("request.not-acceptable", ErrorKind.NotAcceptable, "No acceptable representation");
        public static readonly ProblemCodeFamily OtherStatus = new("http.{status}", ErrorKind.Validation, "A status the framework answered with itself (the code names it)");
        public static readonly ProblemCode HeadersTooLarge = new("request.headers-too-large", ErrorKind.HeadersTooLarge, "The request headers are too large");
    }

    /// <summary>The service itself: storage, cluster, readiness, and the unexpected.</summary>
    public static class Service
    {
        public static readonly ProblemCode StorageUnavailable = new("storage.unavailable", ErrorKind.Unavailable, "The database is unreachable or restarting; retry");
        public static readonly ProblemCode ClusterUnavailable = new("cluster.unavailable", ErrorKind.Unavailable, "Part of the cluster is unavailable; retry");
        public static readonly ProblemCode NotReady = new("silo.not-ready", ErrorKind.Unavailable, "The silo is starting or stopping; retry");
        public static readonly ProblemCode StorageConflict = new("storage.conflict", ErrorKind.Conflict, "The resource changed concurrently; retry the request");
        public static readonly ProblemCode Internal = new("internal", ErrorKind.Internal, "An unexpected error, logged with the trace id");
    }
}
