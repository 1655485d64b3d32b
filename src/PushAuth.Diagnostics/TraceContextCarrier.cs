using System.Diagnostics;

namespace PushAuth.Diagnostics;

/// <summary>
/// Stores W3C trace context as one string (<c>traceparent[;tracestate]</c>) so work kept in
/// a grain's owed effects or a reminder can continue the trace of the request that caused it.
/// </summary>
public static class TraceContextCarrier
{
    private const char Separator = ';';

    /// <summary>Captures <see cref="Activity.Current"/>; <see langword="null"/> when there is no W3C activity.</summary>
    public static string? Capture() => Capture(Activity.Current);

    /// <summary>Captures <paramref name="activity"/>; <see langword="null"/> when it is null or not W3C-formatted.</summary>
    public static string? Capture(Activity? activity)
    {
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C || activity.Id is null)
        {
            return null;
        }

        var traceState = activity.TraceStateString;
        return string.IsNullOrEmpty(traceState) ? activity.Id : activity.Id + Separator + traceState;
    }

    /// <summary>
    /// Parses a value made by <see cref="Capture()"/> into a remote parent context;
    /// <see langword="null"/> for null, empty or malformed input.
    /// </summary>
    public static ActivityContext? Parse(string? carrier)
    {
        if (string.IsNullOrWhiteSpace(carrier))
        {
            return null;
        }

        // traceparent never contains ';', tracestate values may, so split at the first one only.
        var separator = carrier.IndexOf(Separator, StringComparison.Ordinal);
        var traceParent = separator < 0 ? carrier : carrier[..separator];
        var traceState = separator < 0 ? null : carrier[(separator + 1)..];
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : null;
    }

    /// <summary>
    /// Starts an activity on <paramref name="source"/> whose parent is the stored context, or
    /// <see cref="Activity.Current"/> when <paramref name="carrier"/> holds none. Returns
    /// <see langword="null"/> when nobody listens.
    /// </summary>
    public static Activity? StartActivity(
        ActivitySource source,
        string name,
        string? carrier,
        ActivityKind kind = ActivityKind.Internal)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Parse(carrier) is { } parent
            ? source.StartActivity(name, kind, parent)
            : source.StartActivity(name, kind);
    }
}
