using System.Globalization;
using System.Text;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>RFC 4180 CSV of history entries. A field that a spreadsheet would run as a formula (starting with
/// <c>= + - @</c>, tab or CR) gets a leading apostrophe (OWASP "CSV injection").</summary>
public static class HistoryCsv
{
    public const string Header = "sequence,at,userId,activity,method,status,sourceIp,city,country,deviceId,policy,remarks,correlationId,traceId,userAgent,actor,hash";

    public static string Row(HistoryEntryView e)
    {
        var fields = new[]
        {
            e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), e.UserId,
            e.Activity, e.Method, e.Status, e.SourceIp, e.City, e.Country, e.DeviceId, e.Policy, e.Remarks, e.CorrelationId, e.TraceId, e.UserAgent, e.Actor, e.Hash,
        };
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            line.Append(Field(fields[i]));
        }
        return line.ToString();
    }

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
