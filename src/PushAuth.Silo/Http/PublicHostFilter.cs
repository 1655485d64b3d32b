using Microsoft.Extensions.Primitives;

namespace PushAuth.Silo.Http;

/// <summary>
/// Host filtering outside Development: a request whose <c>Host</c> is neither the public URL's host nor one of
/// <c>PushAuth:Silo:AllowedHosts</c> (an internal Service name, say) is refused with 400 <c>host.not-allowed</c>.
/// ASP.NET Core's own matching (<see cref="HostString.MatchesAny"/>, <c>*.example.com</c> wildcards); the health
/// endpoints are exempt, since probes address the pod or container directly.
/// </summary>
internal sealed class PublicHostFilter(RequestDelegate next, IList<StringSegment> allowed)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (!HostString.MatchesAny(new StringSegment(http.Request.Host.Host), allowed))
        {
            throw ProblemCodes.Requests.HostNotAllowed.Error("The Host header names a host this deployment does not serve.");
        }
        return next(http);
    }

    /// <summary>The hosts a silo with these options accepts, or null when it accepts any (Development).</summary>
    public static IList<StringSegment>? AllowedHosts(SiloOptions options, IHostEnvironment environment)
    {
        // Without a valid public URL the start-up validation refuses the silo anyway.
        if (environment.IsDevelopment() || !Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var url))
        {
            return null;
        }
        return [new StringSegment(url.Host), .. options.AllowedHosts.Select(h => new StringSegment(h))];
    }

    /// <summary>Paths every host may reach: liveness and readiness.</summary>
    public static bool IsExempt(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
