namespace PushAuth.Messaging.Internal;

/// <summary>How addresses appear in logs: enough to tell two apart, never the whole address.</summary>
internal static class Redaction
{
    public static string Address(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            return address[0] + "***" + address[at..];
        }
        return address.Length > 4 ? new string('*', address.Length - 4) + address[^4..] : "****";
    }
}
