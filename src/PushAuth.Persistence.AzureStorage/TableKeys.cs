using System.Globalization;
using System.Text;

namespace PushAuth.Persistence.AzureStorage;

/// <summary>Partition and row keys of the history table.</summary>
internal static class TableKeys
{
    /// <summary>Sorts before every record key: the tenant's retention anchor.</summary>
    public const string Anchor = "a";

    private const string EventPrefix = "e";
    private const string RecordPrefix = "r";

    /// <summary>Past every record key (the prefix after "r").</summary>
    public const string RecordsEnd = "s";

    private const string UserPrefix = "u";

    /// <summary>Past every user key (the prefix after "u").</summary>
    public const string UsersEnd = "v";

    /// <summary>The inverted, zero-padded sequence: ascending row keys are descending sequences, newest first.</summary>
    public static string Record(long sequence) => RecordPrefix + (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

    public static long SequenceOf(string recordKey) => long.MaxValue - long.Parse(recordKey.AsSpan(RecordPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);

    public static string Event(string eventId) => EventPrefix + Escape(eventId);

    public static string Partition(string tenantId) => Escape(tenantId);

    /// <summary>A user of the user index. User ids are ASCII identifiers (never escaped), so row-key order is id order.</summary>
    public static string User(string userId) => UserPrefix + Escape(userId);

    public static string UserIdOf(string userKey) => userKey[UserPrefix.Length..];

    // Keys may not contain / \ # ? or control characters; '%' is escaped too so the mapping stays one-to-one.
    private static string Escape(string value)
    {
        if (!value.Any(NeedsEscape))
        {
            return value;
        }
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
