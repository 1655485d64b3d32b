using System.Buffers.Text;
using System.Globalization;
using System.Text;
using PushAuth.Abstractions;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>The opaque page cursor of <c>GET /v1/admin/history</c>: the chain position of the last entry of the previous page.</summary>
public static class HistoryCursor
{
    public static string Encode(long sequence) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes("h1:" + sequence.ToString(CultureInfo.InvariantCulture)));

    public static long? Decode(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }
        try
        {
            var text = cursor.Length <= 64 ? Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)) : "";
            if (text.StartsWith("h1:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0)
            {
                return sequence;
            }
        }
        catch (FormatException)
        {
        }
        throw ProblemCodes.History.CursorInvalid.Error("'cursor' must be the nextCursor of a previous page.");
    }
}
