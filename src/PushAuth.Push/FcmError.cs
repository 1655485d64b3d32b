using System.Text.Json;

namespace PushAuth.Push;

/// <summary>
/// The parts of an FCM error response that classification looks at. Parsed leniently: a non-JSON body
/// (as some 5xx responses are) leaves everything but <see cref="HttpStatus"/> empty.
/// </summary>
/// <param name="HttpStatus">The HTTP status code.</param>
/// <param name="Status">error.status, the canonical code (e.g. NOT_FOUND, RESOURCE_EXHAUSTED).</param>
/// <param name="ErrorCode">The FcmError detail's errorCode (e.g. UNREGISTERED), when present.</param>
/// <param name="Message">error.message.</param>
/// <param name="ConcernsRegistrationToken">True when the error is about message.token (message text or a BadRequest field violation).</param>
public sealed record FcmError(int HttpStatus, string? Status, string? ErrorCode, string? Message, bool ConcernsRegistrationToken)
{
    private const string FcmErrorType = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
    private const string BadRequestType = "type.googleapis.com/google.rpc.BadRequest";

    /// <summary>Parses an FCM error body.</summary>
    public static FcmError Parse(int httpStatus, string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new FcmError(httpStatus, null, null, null, false);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return new FcmError(httpStatus, null, null, null, false);
            }

            var status = GetString(error, "status");
            var message = GetString(error, "message");
            string? errorCode = null;
            var aboutToken = message is not null && message.Contains("registration token", StringComparison.OrdinalIgnoreCase);
            if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            {
                foreach (var detail in details.EnumerateArray())
                {
                    var type = GetString(detail, "@type");
                    if (type == FcmErrorType)
                    {
                        errorCode ??= GetString(detail, "errorCode");
                    }
                    else if (type == BadRequestType
                        && detail.TryGetProperty("fieldViolations", out var violations)
                        && violations.ValueKind == JsonValueKind.Array)
                    {
                        aboutToken |= violations.EnumerateArray().Any(v => GetString(v, "field") == "message.token");
                    }
                }
            }

            return new FcmError(httpStatus, status, errorCode, message, aboutToken);
        }
        catch (JsonException)
        {
            return new FcmError(httpStatus, null, null, null, false);
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
