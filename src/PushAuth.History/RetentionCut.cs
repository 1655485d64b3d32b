using System.Globalization;

namespace PushAuth.History;

/// <summary>
/// What retention removed, recorded in the chain itself before the removal: every entry up to <see cref="Through"/>,
/// whose hash was <see cref="LastHash"/>. The oldest entry left must follow one of these, so deleting the oldest entries
/// without retention (or more than it recorded) shows.
/// </summary>
public sealed record RetentionCut(long Through, byte[] LastHash)
{
    /// <summary>The activity of the history event that records a cut.</summary>
    public const string Activity = HistoryActivities.HistoryRetentionCut;

    /// <summary>The event's remarks: <c>through=N; lastHash=base64</c> (plus the caller's extra details).</summary>
    public string Remarks(string? extra = null) =>
        string.Create(CultureInfo.InvariantCulture, $"through={Through}; lastHash={Convert.ToBase64String(LastHash)}") + (extra is null ? "" : "; " + extra);

    /// <summary>The cut an event records, or null when it records none.</summary>
    public static RetentionCut? Of(HistoryEvent e)
    {
        if (e.Activity != Activity || e.Remarks is null)
        {
            return null;
        }
        long? through = null;
        byte[]? hash = null;
        foreach (var part in e.Remarks.Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("through=", StringComparison.Ordinal) && long.TryParse(part[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                through = n;
            }
            else if (part.StartsWith("lastHash=", StringComparison.Ordinal))
            {
                var buffer = new byte[32];
                hash = Convert.TryFromBase64String(part[9..], buffer, out var length) && length == 32 ? buffer : null;
            }
        }
        return through is { } t && hash is not null ? new RetentionCut(t, hash) : null;
    }
}
