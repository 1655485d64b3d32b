using Scalar.AspNetCore;

namespace PushAuth.Silo.Http;

/// <summary>The API reference page at <c>/reference</c>: Scalar over <c>/openapi/v1.json</c>, everything from this silo.
/// Scalar's script is embedded in its package and served under the page's own path; its default fonts would come from
/// Scalar's CDN, so they are off (the page uses the browser's fonts). A page that loads nothing from elsewhere works
/// on a private network and leaks no reader to a third party.</summary>
internal static class ApiReference
{
    public const string Path = "/reference";

    public static void MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, options => options
            .WithTitle("PushAuth API reference")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts());
}
