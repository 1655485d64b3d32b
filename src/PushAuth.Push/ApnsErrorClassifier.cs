namespace PushAuth.Push;

/// <summary>The one table that turns an APNs error response into a <see cref="PushResultKind"/> (PROTOCOLS.md §2).</summary>
public static class ApnsErrorClassifier
{
    /// <summary>Reason APNs gives when the provider JWT's iat is over an hour old: renew once and retry.</summary>
    public const string ExpiredProviderToken = "ExpiredProviderToken";

    /// <summary>One row: HTTP status (0 = any, -5 = any 5xx) and reason (null = any).</summary>
    /// <param name="HttpStatus">HTTP status to match.</param>
    /// <param name="Reason">APNs reason to match; null matches any.</param>
    /// <param name="Kind">The classification.</param>
    /// <param name="NewConnection">True when the next send must use a fresh connection.</param>
    public sealed record Row(int HttpStatus, string? Reason, PushResultKind Kind, bool NewConnection = false);

    private const int Any5xx = -5;

    /// <summary>The table, first match wins.</summary>
    public static IReadOnlyList<Row> Rows { get; } =
    [
        new(400, "BadDeviceToken", PushResultKind.DeadToken),
        new(410, "Unregistered", PushResultKind.DeadToken),
        new(410, "ExpiredToken", PushResultKind.DeadToken),
        new(410, null, PushResultKind.DeadToken),
        new(400, null, PushResultKind.PermanentFailure),
        new(413, null, PushResultKind.PermanentFailure),
        new(403, ExpiredProviderToken, PushResultKind.AuthFailure),
        new(403, null, PushResultKind.AuthFailure),
        new(404, null, PushResultKind.PermanentFailure),
        new(405, null, PushResultKind.PermanentFailure),
        new(429, "TooManyProviderTokenUpdates", PushResultKind.RetryLater, NewConnection: true),
        new(429, null, PushResultKind.RetryLater),
        new(500, null, PushResultKind.RetryLater, NewConnection: true),
        new(503, null, PushResultKind.RetryLater, NewConnection: true),
        new(Any5xx, null, PushResultKind.RetryLater, NewConnection: true),
        new(0, null, PushResultKind.PermanentFailure),
    ];

    /// <summary>Finds the row for a response.</summary>
    public static Row Match(int httpStatus, string? reason)
    {
        foreach (var row in Rows)
        {
            var statusMatches = row.HttpStatus == 0
                || row.HttpStatus == httpStatus
                || (row.HttpStatus == Any5xx && httpStatus is >= 500 and <= 599);
            if (statusMatches && (row.Reason is null || string.Equals(row.Reason, reason, StringComparison.Ordinal)))
            {
                return row;
            }
        }

        return Rows[^1];
    }

    /// <summary>Classifies an error response.</summary>
    public static PushResult Classify(int httpStatus, string? reason, TimeSpan? retryAfter = null, string? apnsId = null)
    {
        var row = Match(httpStatus, reason);
        return new PushResult(
            row.Kind,
            string.IsNullOrEmpty(reason) ? $"HTTP_{httpStatus}" : reason,
            row.Kind == PushResultKind.RetryLater ? retryAfter : null,
            apnsId,
            httpStatus);
    }
}
