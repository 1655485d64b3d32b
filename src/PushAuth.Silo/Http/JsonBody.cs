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
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        T? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<T>(options, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("The request body is not valid JSON for this operation.", StatusCodes.Status400BadRequest, ex);
        }
        return body ?? throw ProblemCodes.Requests.BodyMissing.Error("A JSON object body is required.");
    }
}
