using System.Security.Cryptography;
using System.Text;

namespace PushAuth.Push.Internal;

/// <summary>What both providers' payloads share: generic alert text (never the prompt) and the collapse id.</summary>
internal static class PushPayload
{
    public const string AlertTitle = "Sign-in request";
    public const string AlertBody = "Open the app to review";
    public const string Category = "PUSH_AUTHENTICATION";
    public const int MaxCollapseIdBytes = 64;

    /// <summary>"closed" only tells the app to refresh: a silent background push, which APNs wants at priority 5.</summary>
    public static bool IsBackground(PushMessage message) => string.Equals(message.Kind, "closed", StringComparison.Ordinal);

    /// <summary>The collapse id, hashed to 43 characters when longer than APNs' 64-byte limit.</summary>
    public static string CollapseId(PushMessage message)
    {
        var id = string.IsNullOrEmpty(message.CollapseId) ? message.ReferenceId : message.CollapseId;
        if (Encoding.UTF8.GetByteCount(id) <= MaxCollapseIdBytes)
        {
            return id;
        }

        return Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }

    public static long UnixSeconds(DateTimeOffset instant) => instant.ToUnixTimeSeconds();

    /// <summary>Writes the <c>aps</c> dictionary both providers carry: silent for background pushes, else the generic alert.</summary>
    public static void WriteAps(System.Text.Json.Utf8JsonWriter writer, bool background)
    {
        writer.WriteStartObject("aps");
        if (background)
        {
            writer.WriteNumber("content-available", 1);
        }
        else
        {
            writer.WriteStartObject("alert");
            writer.WriteString("title", AlertTitle);
            writer.WriteString("body", AlertBody);
            writer.WriteEndObject();
            writer.WriteString("sound", "default");
            writer.WriteString("category", Category);
        }

        writer.WriteEndObject();
    }
}
