using Microsoft.Extensions.Options;

namespace PushAuth.Silo.Http;

/// <summary>
/// The one place links and QR offers sent to people get their scheme and host: <c>PushAuth:Silo:PublicUrl</c>, which is
/// required outside Development. Never the request's <c>Host</c> header there: a device could otherwise start a
/// verification of someone's address with <c>Host: login.evil.example</c> and the genuine mail would link to the
/// attacker. Only in Development without a public URL does a link take the request's own address (the quickstart).
/// </summary>
public sealed class PublicLinks(IOptions<SiloOptions> options, IHostEnvironment environment)
{
    /// <summary>The base URL links start with, ending in <c>/</c>.</summary>
    public Uri BaseUri(HttpContext http)
    {
        if (options.Value.PublicUrl is { Length: > 0 } configured)
        {
            return new Uri(configured.TrimEnd('/') + "/");
        }
        if (!environment.IsDevelopment())
        {
            // Start-up validation requires the public URL outside Development; reaching here is a bug, not a fallback.
            throw new InvalidOperationException("PushAuth:Silo:PublicUrl is not configured; outside Development links are never built from the request.");
        }
        return new Uri($"{http.Request.Scheme}://{http.Request.Host}/");
    }

    /// <summary>An absolute link to <paramref name="relative"/> (a path, query or fragment under the base URL).</summary>
    public Uri Link(HttpContext http, string relative) => new(BaseUri(http), relative.TrimStart('/'));
}
