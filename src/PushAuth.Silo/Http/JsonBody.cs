using System.Text.Json;

namespace PushAuth.Silo.Http;

/// <summary>Reads a JSON body by hand, for endpoints that must see the raw bytes first (signed requests): the same
/// answers as a bound body gives, a 415 for a body that is not JSON and a 400 naming the field otherwise.</summary>
internal static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpContext http, CancellationToken cancellationToken) where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            throw new BadHttpRequestException("The body must be JSON: Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType);
        }
        T? body;
        try
        {
            // The silo's JSON options (strict enums, unknown members refused), as a bound body gets.
            body = await http.Request.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("The request body is not valid JSON for this operation.", StatusCodes.Status400BadRequest, ex);
        }
        return body ?? throw ProblemCodes.Requests.BodyMissing.Error("A JSON object body is required.");
    }
}
