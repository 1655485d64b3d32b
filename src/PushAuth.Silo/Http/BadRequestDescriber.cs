using System.Text.Json;
using System.Text.RegularExpressions;

namespace PushAuth.Silo.Http;

/// <summary>Turns the framework's bad-request errors (body binding, JSON, parameters, media type, size) into a stable code
/// that names the field, and a detail that says what is wrong with it.</summary>
internal static partial class BadRequestDescriber
{
    public static (ProblemCode Problem, string Detail, string? Field, int? Status) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var (problem, detail, field) = Describe(json);
            return (problem, detail, field, null);
        }
        switch (exception.StatusCode)
        {
            case StatusCodes.Status415UnsupportedMediaType:
                return (ProblemCodes.Requests.UnsupportedMediaType, "The body must be JSON: Content-Type: application/json.", null, null);
            case StatusCodes.Status413PayloadTooLarge:
                return (ProblemCodes.Requests.TooLarge, "The request body is larger than this silo accepts.", null, null);
        }
        var message = exception.Message;
        if (message.Contains("no body was provided", StringComparison.Ordinal) || message.Contains("was not provided from body", StringComparison.Ordinal))
        {
            return (ProblemCodes.Requests.BodyMissing, "A JSON object body is required.", null, null);
        }
        if (BindFailure().Match(message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            return (ProblemCodes.Requests.FieldInvalid.For(name), $"'{name}' has an invalid value for {bind.Groups["type"].Value.TrimEnd('?')}.", name, null);
        }
        if (MissingParameter().Match(message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return (ProblemCodes.Requests.FieldMissing.For(name), $"'{name}' is required.", name, null);
        }
        // Any other framework refusal keeps the framework's status (a body read too slowly is 408).
        return (ProblemCodes.Requests.Invalid, message, null, exception.StatusCode);
    }

    public static (ProblemCode Problem, string Detail, string? Field) Describe(JsonException json)
    {
        var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
        var path = FieldOf(json.Path);
        // A syntax error (the reader's own exception inside), or one at the root: the body as a whole is not JSON we read.
        if (json.InnerException?.GetType().Name == "JsonReaderException" || json.Message.Contains("invalid UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            return (ProblemCodes.Requests.BodyMalformedJson, $"The body is not valid JSON{where}.", null);
        }
        if (UnmappedMember().Match(json.Message) is { Success: true } unmapped)
        {
            var name = Sanitize(unmapped.Groups["name"].Value);
            var field = path is null ? name : path.EndsWith("." + name, StringComparison.Ordinal) || path == name ? path : path + "." + name;
            return (ProblemCodes.Requests.FieldUnknown.For(field), $"'{field}' is not a field of this request (or it is read-only).", field);
        }
        if (path is null)
        {
            return (ProblemCodes.Requests.BodyInvalid, $"The body must be a JSON object of this operation's fields{where}.", null);
        }
        return (ProblemCodes.Requests.FieldInvalid.For(path), $"'{path}' has the wrong type or an unknown value{where}.", path);
    }

    /// <summary><c>$.context.service</c> → <c>context.service</c>; array indices dropped; null for the root.</summary>
    private static string? FieldOf(string? jsonPath)
    {
        if (jsonPath is null or "$" or "")
        {
            return null;
        }
        var field = Indices().Replace(jsonPath.TrimStart('$').TrimStart('.'), "");
        field = Sanitize(field.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal));
        return field.Length == 0 ? null : field;
    }

    private static string Sanitize(string field) => new([.. field.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-').Take(100)]);

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Indices();

    [GeneratedRegex("Failed to bind parameter \"(?<type>[^ \"]+) (?<name>[A-Za-z0-9_]+)\"")]
    private static partial Regex BindFailure();

    [GeneratedRegex("Required parameter \"(?<type>[^ \"]+) (?<name>[A-Za-z0-9_]+)\" was not provided")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnmappedMember();
}
