using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PushAuth.Client.Internal;

/// <summary>Reads the silo's answers: JSON on success, problem+json (<c>code</c>, <c>detail</c>) turned into
/// <see cref="PushAuthApiException"/> on failure.</summary>
internal static class ApiResponses
{
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength is 0)
        {
            return default!;
        }
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken).ConfigureAwait(false))!;
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var (line, code) = await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
            throw new PushAuthApiException(response.StatusCode, code, line, response.Headers.RetryAfter?.Delta);
        }
    }

    /// <summary>A refusal in one line, <c>{status} {reason} {code}: {detail}</c> from problem+json, else the status and the
    /// start of the body (a proxy's error page); and the problem's code when there is one.</summary>
    public static async Task<(string Line, string? Code)> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                var code = String(problem.RootElement, "code");
                var detail = String(problem.RootElement, "detail") ?? String(problem.RootElement, "title");
                if (code is not null || detail is not null)
                {
                    return ($"{status} {code}: {detail}".ReplaceLineEndings(" "), code);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status and the start of the body below.
        }
        var text = body.ReplaceLineEndings(" ").Trim();
        return (text.Length == 0 ? status : $"{status}: {(text.Length > 200 ? text[..200] + "…" : text)}", null);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
