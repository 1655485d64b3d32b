namespace PushAuth.Push;

/// <summary>
/// The one table that turns an FCM HTTP v1 error into a <see cref="PushResultKind"/> (PROTOCOLS.md §1).
/// HTTP status first, FcmError detail second: the project-quota 429 and non-JSON 5xx bodies carry no detail.
/// </summary>
public static class FcmErrorClassifier
{
    /// <summary>Reason of a 401 without an FcmError detail: our OAuth2 access token was rejected.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    /// <summary>Wait applied to a detail-less (project quota) 429 without Retry-After: "minimum initial delay of 1 minute".</summary>
    public static readonly TimeSpan ProjectQuotaDefaultRetryAfter = TimeSpan.FromMinutes(1);

    /// <summary>One row: a match on HTTP status (0 = any), FcmError code (null = any) and an optional predicate.</summary>
    /// <param name="HttpStatus">HTTP status to match; 0 matches any, -5 matches any 5xx.</param>
    /// <param name="ErrorCode">FcmError errorCode to match; null matches any (including none).</param>
    /// <param name="Kind">The classification.</param>
    /// <param name="Reason">The reason; null derives it from error.status or the HTTP status.</param>
    /// <param name="When">Extra condition.</param>
    /// <param name="DefaultRetryAfter">Wait used when the response has no Retry-After.</param>
    public sealed record Row(int HttpStatus, string? ErrorCode, PushResultKind Kind, string? Reason, Func<FcmError, bool>? When = null, TimeSpan? DefaultRetryAfter = null);

    private const int Any5xx = -5;

    /// <summary>The table, first match wins.</summary>
    public static IReadOnlyList<Row> Rows { get; } =
    [
        new(401, "THIRD_PARTY_AUTH_ERROR", PushResultKind.AuthFailure, "THIRD_PARTY_AUTH_ERROR"),
        new(401, "APNS_AUTH_ERROR", PushResultKind.AuthFailure, "THIRD_PARTY_AUTH_ERROR"),
        new(401, null, PushResultKind.AuthFailure, Unauthenticated),
        new(404, "UNREGISTERED", PushResultKind.DeadToken, "UNREGISTERED"),
        new(400, null, PushResultKind.DeadToken, PushReasons.InvalidRegistrationToken, e => e.ConcernsRegistrationToken),
        new(400, "UNREGISTERED", PushResultKind.DeadToken, "UNREGISTERED"),
        new(400, null, PushResultKind.PermanentFailure, "INVALID_ARGUMENT"),
        new(403, "SENDER_ID_MISMATCH", PushResultKind.PermanentFailure, "SENDER_ID_MISMATCH"),
        new(403, null, PushResultKind.AuthFailure, "PERMISSION_DENIED"),
        new(429, "QUOTA_EXCEEDED", PushResultKind.RetryLater, "QUOTA_EXCEEDED"),
        new(429, null, PushResultKind.RetryLater, "RESOURCE_EXHAUSTED", DefaultRetryAfter: ProjectQuotaDefaultRetryAfter),
        new(408, null, PushResultKind.RetryLater, "DEADLINE_EXCEEDED"),
        new(500, null, PushResultKind.RetryLater, "INTERNAL"),
        new(503, null, PushResultKind.RetryLater, "UNAVAILABLE"),
        new(Any5xx, null, PushResultKind.RetryLater, null),
        new(0, null, PushResultKind.PermanentFailure, null),
    ];

    /// <summary>Finds the first row matching <paramref name="error"/>.</summary>
    public static Row Match(FcmError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        foreach (var row in Rows)
        {
            var statusMatches = row.HttpStatus == 0
                || row.HttpStatus == error.HttpStatus
                || (row.HttpStatus == Any5xx && error.HttpStatus is >= 500 and <= 599);
            if (statusMatches
                && (row.ErrorCode is null || string.Equals(row.ErrorCode, error.ErrorCode, StringComparison.Ordinal))
                && (row.When is null || row.When(error)))
            {
                return row;
            }
        }

        return Rows[^1];
    }

    /// <summary>Classifies an error response. <paramref name="retryAfter"/> is the parsed Retry-After header, if any.</summary>
    public static PushResult Classify(FcmError error, TimeSpan? retryAfter = null)
    {
        var row = Match(error);
        var reason = row.Reason ?? error.ErrorCode ?? error.Status ?? $"HTTP_{error.HttpStatus}";
        var wait = row.Kind == PushResultKind.RetryLater ? retryAfter ?? row.DefaultRetryAfter : null;
        return new PushResult(row.Kind, reason, wait, HttpStatus: error.HttpStatus);
    }
}
