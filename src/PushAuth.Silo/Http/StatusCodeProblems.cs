namespace PushAuth.Silo.Http;

/// <summary>Gives every problem+json a stable <c>code</c>, also those the framework writes itself (status code pages:
/// an unknown route, a method the route does not take).</summary>
internal static class StatusCodeProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var code = status switch
        {
            400 => "request.invalid",
            401 => "auth.required",
            403 => "auth.forbidden",
            404 => "route.not-found",
            405 => "route.method-not-allowed",
            406 => "request.not-acceptable",
            413 => "request.too-large",
            415 => "request.unsupported-media-type",
            431 => "request.headers-too-large",
            _ => $"http.{status}",
        };
        problem.Extensions["code"] = code;
        problem.Type ??= ProblemExceptionHandler.TypePrefix + code;
        problem.Detail ??= status switch
        {
            404 => "No such route: see /openapi/v1.json.",
            405 => "This route does not take this method: see /openapi/v1.json.",
            _ => problem.Title,
        };
    }
}
