using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;
using PushAuth.Diagnostics;

namespace PushAuth.Silo.Http;

/// <summary>Turns exceptions into RFC 9457 problem+json: refusals into their catalogue entry, bad JSON into 400,
/// an exhausted ETag retry into 409, storage not ready or unreachable into 503. Anything else stays a 500 (a bug).</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public const string TypePrefix = "https://pushauth.dev/problems/";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (problem, detail, retryAfter, field, status) = Classify(httpContext, exception);
        // The route's template, not the path: paths carry user ids.
        var route = (httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // Expected and retried by clients (a database restart, a silo leaving): one line, no stack trace.
            LogUnavailable(httpContext.Request.Method, route, problem.Code, exception.GetType().Name);
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
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext, ProblemDetails = Details(problem, detail, field, status), Exception = exception,
        });
    }

    /// <summary>The problem+json of a catalogue entry (<paramref name="status"/>: its kind's, unless the framework said otherwise).</summary>
    public static ProblemDetails Details(ProblemCode problem, string? detail, string? field = null, int? status = null)
    {
        var details = new ProblemDetails { Status = status ?? ProblemStatus.Of(problem.Kind), Type = TypePrefix + problem.Code, Title = problem.Title, Detail = detail };
        details.Extensions["code"] = problem.Code;
        if (field is not null)
        {
            details.Extensions["field"] = field;
        }
        return details;
    }

    private static (ProblemCode Problem, string Detail, TimeSpan? RetryAfter, string? Field, int Status) Classify(HttpContext http, Exception exception)
    {
        switch (exception)
        {
            case PushAuthException p:
                return (p.Problem, p.Message, p.RetryAfter, null, ProblemStatus.Of(p.Kind));
            case BadHttpRequestException b:
                var bad = BadRequestDescriber.Describe(b);
                return (bad.Problem, bad.Detail, null, bad.Field, bad.Status ?? ProblemStatus.Of(bad.Problem.Kind));
            case JsonException j:
                var json = BadRequestDescriber.Describe(j);
                return (json.Problem, json.Detail, null, json.Field, ProblemStatus.Of(json.Problem.Kind));
        }
        var (problem, detail, retry) = exception switch
        {
            // PostgreSQL down or restarting, raw or wrapped by Orleans' storage: nothing was committed by this request, retry it.
            _ when StorageFaults.IsUnavailable(exception) =>
                (ProblemCodes.Service.StorageUnavailable, "The database is unreachable or restarting; retry shortly.", TimeSpan.FromSeconds(2)),
            SiloNotReadyException => (ProblemCodes.Service.NotReady, "The silo is starting or stopping; retry shortly.", TimeSpan.FromSeconds(2)),
            // A silo that died or left mid-call, or a call that outlived Orleans' response timeout: safe to retry.
            SiloUnavailableException or OrleansMessageRejectionException or TimeoutException =>
                (ProblemCodes.Service.ClusterUnavailable, "Part of the cluster is unavailable; retry shortly.", TimeSpan.FromSeconds(1)),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (ProblemCodes.Requests.Cancelled, "The client went away.", (TimeSpan?)null),
            _ => (ProblemCodes.Service.Internal, "An unexpected error occurred; it has been logged with the trace id.", null),
        };
        return (problem, detail, retry, null, ProblemStatus.Of(problem.Kind));
    }

    [LoggerMessage(EventId = LogEvents.UnhandledError, Level = LogLevel.Error, Message = "Unhandled error on {Method} {Route}")]
    private partial void LogUnhandled(Exception exception, string method, string route);

    [LoggerMessage(EventId = LogEvents.AnsweredUnavailable, Level = LogLevel.Warning, Message = "{Method} {Route} answered 503 {Code} ({Cause}); the client retries")]
    private partial void LogUnavailable(string method, string route, string code, string cause);
}
