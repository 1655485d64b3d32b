using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;


namespace PushAuth.Silo.Http;

/// <summary>Turns exceptions into RFC 9457 problem+json: domain errors into their 4xx, bad JSON into 400,
/// an exhausted ETag retry into 409, storage not ready or unreachable into 503. Anything else stays a 500 (a bug).</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public const string TypePrefix = "https://pushauth.dev/problems/";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        string? field = null;
        var (status, code, title, detail, retryAfter) = exception switch
        {
            PushAuthException p => (StatusOf(p.Kind), p.Code, TitleOf(p.Kind), p.Message, p.RetryAfter),
            BadHttpRequestException b => BadRequest(BadRequestDescriber.Describe(b), out field),
            JsonException j => BadRequest(BadRequestDescriber.Describe(j), out field),
            // PostgreSQL down or restarting, raw or wrapped by Orleans' storage: nothing was committed by this request, retry it.
            _ when StorageFaults.IsUnavailable(exception) =>
                (503, "storage.unavailable", "Storage unavailable", "The database is unreachable or restarting; retry shortly.", TimeSpan.FromSeconds(2)),
            SiloNotReadyException => (503, "silo.not-ready", "Not ready", "The silo is starting or stopping; retry shortly.", TimeSpan.FromSeconds(2)),
            // A silo that died or left mid-call, or a call that outlived Orleans' response timeout: safe to retry.
            SiloUnavailableException or OrleansMessageRejectionException or TimeoutException =>
                (503, "cluster.unavailable", "Temporarily unavailable", "Part of the cluster is unavailable; retry shortly.", TimeSpan.FromSeconds(1)),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "request.cancelled", "Client closed request", "The client went away.", null),
            _ => (500, "internal", "Internal error", "An unexpected error occurred; it has been logged with the trace id.", null),
        };
        // The route's template, not the path: paths carry user ids.
        var route = (httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        if (status == 503)
        {
            // Expected and retried by clients (a database restart, a silo leaving): one line, no stack trace.
            LogUnavailable(httpContext.Request.Method, route, code, exception.GetType().Name);
        }
        else if (status >= 500)
        {
            LogUnhandled(exception, httpContext.Request.Method, route);
        }
        httpContext.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        var problem = new ProblemDetails { Status = status, Type = TypePrefix + code, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static (int, string, string, string, TimeSpan?) BadRequest((int Status, string Code, string Detail, string? Field) d, out string? field)
    {
        field = d.Field;
        return (d.Status, d.Code, d.Status switch { 413 => "Request too large", 415 => "Unsupported media type", _ => "Invalid request" }, d.Detail, null);
    }

    internal static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => 400,
        ErrorKind.Unauthenticated => 401,
        ErrorKind.Forbidden => 403,
        ErrorKind.NotFound => 404,
        ErrorKind.Conflict => 409,
        ErrorKind.Gone => 410,
        ErrorKind.Locked => 423,
        ErrorKind.TooManyRequests => 429,
        ErrorKind.Unprocessable => 422,
        ErrorKind.PayloadTooLarge => 413,
        ErrorKind.Unavailable => 503,
        _ => 400,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "Invalid request",
        ErrorKind.Unauthenticated => "Not authenticated",
        ErrorKind.Forbidden => "Forbidden",
        ErrorKind.NotFound => "Not found",
        ErrorKind.Conflict => "Conflict",
        ErrorKind.Gone => "Gone",
        ErrorKind.Locked => "Locked",
        ErrorKind.TooManyRequests => "Too many requests",
        ErrorKind.Unprocessable => "Unprocessable request",
        ErrorKind.PayloadTooLarge => "Payload too large",
        ErrorKind.Unavailable => "Temporarily unavailable",
        _ => "Invalid request",
    };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Unhandled error on {Method} {Route}")]
    private partial void LogUnhandled(Exception exception, string method, string route);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Method} {Route} answered 503 {Code} ({Cause}); the client retries")]
    private partial void LogUnavailable(string method, string route, string code, string cause);
}
