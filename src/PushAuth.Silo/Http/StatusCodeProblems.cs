using System.Globalization;

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
            400 => ProblemCodes.Requests.Invalid,
            401 => ProblemCodes.Auth.Required,
            403 => ProblemCodes.Auth.Forbidden,
            404 => ProblemCodes.Requests.RouteNotFound,
            405 => ProblemCodes.Requests.MethodNotAllowed,
            406 => ProblemCodes.Requests.NotAcceptable,
            413 => ProblemCodes.Requests.TooLarge,
            415 => ProblemCodes.Requests.UnsupportedMediaType,
            431 => ProblemCodes.Requests.HeadersTooLarge,
            _ => ProblemCodes.Requests.OtherStatus.For(status.ToString(CultureInfo.InvariantCulture)),
        };
        problem.Extensions["code"] = code.Code;
        problem.Type ??= ProblemExceptionHandler.TypePrefix + code.Code;
        problem.Detail ??= status switch
        {
            404 => "No such route: see /openapi/v1.json.",
            405 => "This route does not take this method: see /openapi/v1.json.",
            _ => problem.Title,
        };
    }
}
