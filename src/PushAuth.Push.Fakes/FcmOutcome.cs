using System.Text.Json;

namespace PushAuth.Push.Fakes;

/// <summary>A scripted FCM response: status, body, content type and an optional Retry-After (seconds or HTTP-date).</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Body">Response body.</param>
/// <param name="ContentType">Body content type.</param>
/// <param name="RetryAfter">Retry-After header value.</param>
public sealed record FcmOutcome(int Status, string Body, string ContentType = "application/json; charset=UTF-8", string? RetryAfter = null)
{
    /// <summary>404 NOT_FOUND + FcmError UNREGISTERED: the app was uninstalled or the token expired.</summary>
    public static FcmOutcome Unregistered { get; } = Error(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED");

    /// <summary>400 INVALID_ARGUMENT + FcmError INVALID_ARGUMENT about the registration token.</summary>
    public static FcmOutcome InvalidRegistrationToken { get; } = Error(400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token", "INVALID_ARGUMENT", "message.token");

    /// <summary>400 INVALID_ARGUMENT + FcmError INVALID_ARGUMENT about something else in the message.</summary>
    public static FcmOutcome InvalidArgument { get; } = Error(400, "INVALID_ARGUMENT", "Invalid value at 'message.android.ttl'", "INVALID_ARGUMENT", "message.android.ttl");

    /// <summary>403 PERMISSION_DENIED + SENDER_ID_MISMATCH.</summary>
    public static FcmOutcome SenderIdMismatch { get; } = Error(403, "PERMISSION_DENIED", "SenderId mismatch", "SENDER_ID_MISMATCH");

    /// <summary>429 RESOURCE_EXHAUSTED + FcmError QUOTA_EXCEEDED (per-device or topic quota).</summary>
    public static FcmOutcome QuotaExceeded { get; } = Error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for the device.", "QUOTA_EXCEEDED");

    /// <summary>The project-quota 429: RESOURCE_EXHAUSTED with an ErrorInfo RATE_LIMIT_EXCEEDED and no FcmError detail.</summary>
    public static FcmOutcome ProjectQuotaExceeded { get; } = new(429, JsonSerializer.Serialize(new
    {
        error = new
        {
            code = 429,
            message = "Quota exceeded for quota metric 'Send requests' and limit 'Send requests per minute per project'.",
            status = "RESOURCE_EXHAUSTED",
            details = new object[]
            {
                new Dictionary<string, object>
                {
                    ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
                    ["reason"] = "RATE_LIMIT_EXCEEDED",
                    ["domain"] = "googleapis.com",
                    ["metadata"] = new Dictionary<string, string> { ["quota_limit"] = "SendsPerMinutePerProject", ["service"] = "fcm.googleapis.com" },
                },
            },
        },
    }));

    /// <summary>503 UNAVAILABLE + FcmError UNAVAILABLE.</summary>
    public static FcmOutcome Unavailable { get; } = Error(503, "UNAVAILABLE", "The service is currently unavailable.", "UNAVAILABLE");

    /// <summary>500 INTERNAL + FcmError INTERNAL.</summary>
    public static FcmOutcome Internal { get; } = Error(500, "INTERNAL", "Internal error encountered.", "INTERNAL");

    /// <summary>401 UNAUTHENTICATED + THIRD_PARTY_AUTH_ERROR: the APNs credentials in Firebase are wrong.</summary>
    public static FcmOutcome ThirdPartyAuthError { get; } = Error(401, "UNAUTHENTICATED", "Auth error from APNS or Web Push Service", "THIRD_PARTY_AUTH_ERROR");

    /// <summary>401 UNAUTHENTICATED without details: the OAuth2 access token was rejected.</summary>
    public static FcmOutcome Unauthenticated { get; } = Error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.", null);

    /// <summary>A 503 whose body is an HTML page, as front ends produce.</summary>
    public static FcmOutcome NonJsonUnavailable { get; } = new(503, "<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html; charset=UTF-8");

    /// <summary>A 502 whose body is plain text.</summary>
    public static FcmOutcome NonJsonBadGateway { get; } = new(502, "Bad Gateway", "text/plain");

    /// <summary>Returns a copy with a Retry-After header.</summary>
    public FcmOutcome WithRetryAfter(string retryAfter) => this with { RetryAfter = retryAfter };

    /// <summary>Builds the standard error envelope, with an FcmError detail when <paramref name="fcmErrorCode"/> is given.</summary>
    public static FcmOutcome Error(int status, string canonicalStatus, string message, string? fcmErrorCode, string? fieldViolation = null)
    {
        var details = new List<object>();
        if (fcmErrorCode is not null)
        {
            details.Add(new Dictionary<string, object>
            {
                ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                ["errorCode"] = fcmErrorCode,
            });
        }

        if (fieldViolation is not null)
        {
            details.Add(new Dictionary<string, object>
            {
                ["@type"] = "type.googleapis.com/google.rpc.BadRequest",
                ["fieldViolations"] = new[] { new Dictionary<string, string> { ["field"] = fieldViolation, ["description"] = message } },
            });
        }

        object error = details.Count == 0
            ? new { code = status, message, status = canonicalStatus }
            : new { code = status, message, status = canonicalStatus, details };
        return new FcmOutcome(status, JsonSerializer.Serialize(new { error }));
    }
}
