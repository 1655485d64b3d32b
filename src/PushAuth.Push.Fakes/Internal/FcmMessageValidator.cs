using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PushAuth.Push.Fakes.Internal;

/// <summary>The checks FCM applies to a messages:send body (PROTOCOLS.md §5, FCM fake 3).</summary>
internal static partial class FcmMessageValidator
{
    private const int MaxDataBytes = 4096;
    private const long MaxTtlSeconds = 2_419_200;

    private static readonly string[] Targets = ["token", "topic", "condition"];
    private static readonly HashSet<string> TopLevelFields = ["message", "validate_only", "validateOnly"];
    private static readonly HashSet<string> MessageFields = ["name", "token", "topic", "condition", "data", "notification", "android", "apns", "webpush", "fcm_options", "fcmOptions"];
    private static readonly HashSet<string> AndroidFields =
    [
        "collapse_key", "collapseKey", "priority", "ttl", "restricted_package_name", "restrictedPackageName", "data", "notification",
        "fcm_options", "fcmOptions", "direct_boot_ok", "directBootOk", "bandwidth_constrained_ok", "bandwidthConstrainedOk",
        "restricted_satellite_ok", "restrictedSatelliteOk",
    ];

    private static readonly HashSet<string> ApnsFields = ["headers", "payload", "fcm_options", "fcmOptions", "live_activity_token", "liveActivityToken"];

    [GeneratedRegex(@"^\d+(\.\d{1,9})?s$", RegexOptions.CultureInvariant)]
    private static partial Regex TtlPattern();

    public static FcmOutcome? Validate(JsonElement root, out ValidatedMessage message)
    {
        message = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid("Invalid JSON payload received. Expected an object.", "");
        }

        if (UnknownField(root, TopLevelFields, "") is { } unknownTop)
        {
            return unknownTop;
        }

        if (!root.TryGetProperty("message", out var msg) || msg.ValueKind != JsonValueKind.Object)
        {
            return Invalid("Request contains an invalid argument: message is required.", "message");
        }

        var validateOnly = (root.TryGetProperty("validate_only", out var vo) || root.TryGetProperty("validateOnly", out vo)) && vo.ValueKind == JsonValueKind.True;
        if (UnknownField(msg, MessageFields, "message") is { } unknownMessage)
        {
            return unknownMessage;
        }

        string? token = null, topic = null;
        var targets = 0;
        foreach (var target in Targets)
        {
            if (msg.TryGetProperty(target, out var value))
            {
                if (value.ValueKind != JsonValueKind.String)
                {
                    return Invalid($"Invalid value at 'message.{target}' (TYPE_STRING), {value.GetRawText()}", $"message.{target}");
                }

                if (++targets > 1)
                {
                    return Invalid($"Invalid value at 'message' (oneof), oneof field 'target' is already set. Cannot set '{target}'", "message");
                }

                if (target == "token")
                {
                    token = value.GetString();
                }
                else if (target == "topic")
                {
                    topic = value.GetString();
                }
            }
        }

        if (targets == 0)
        {
            return FcmOutcome.Error(400, "INVALID_ARGUMENT", "Recipient of the message is not set.", "INVALID_ARGUMENT");
        }

        if (token is { Length: 0 })
        {
            return FcmOutcome.InvalidRegistrationToken;
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (msg.TryGetProperty("data", out var dataElement) && ReadStringMap(dataElement, "message.data", data) is { } dataError)
        {
            return dataError;
        }

        var dataBytes = data.Sum(kv => Encoding.UTF8.GetByteCount(kv.Key) + Encoding.UTF8.GetByteCount(kv.Value));
        if (dataBytes > MaxDataBytes)
        {
            return FcmOutcome.Error(400, "INVALID_ARGUMENT", "Android message is too big", "INVALID_ARGUMENT");
        }

        foreach (var key in data.Keys)
        {
            if (key is "from" or "gcm" || key.StartsWith("google", StringComparison.OrdinalIgnoreCase))
            {
                return FcmOutcome.Error(400, "INVALID_ARGUMENT", $"Invalid data payload key: {key}", "INVALID_ARGUMENT");
            }
        }

        string? priority = null, ttl = null, collapseKey = null;
        if (msg.TryGetProperty("android", out var android))
        {
            if (android.ValueKind != JsonValueKind.Object)
            {
                return Invalid("Invalid value at 'message.android'", "message.android");
            }

            if (UnknownField(android, AndroidFields, "message.android") is { } unknownAndroid)
            {
                return unknownAndroid;
            }

            if (android.TryGetProperty("priority", out var p))
            {
                priority = p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                if (priority is null || !(priority.Equals("HIGH", StringComparison.OrdinalIgnoreCase) || priority.Equals("NORMAL", StringComparison.OrdinalIgnoreCase)))
                {
                    return Invalid($"Invalid value at 'message.android.priority' (type.googleapis.com/google.firebase.fcm.v1.AndroidMessagePriority), {p.GetRawText()}", "message.android.priority");
                }
            }

            if (android.TryGetProperty("ttl", out var t))
            {
                ttl = t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (ttl is null || !TtlPattern().IsMatch(ttl)
                    || !decimal.TryParse(ttl.AsSpan(0, ttl.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                    || seconds > MaxTtlSeconds)
                {
                    return Invalid($"Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration), {t.GetRawText()}", "message.android.ttl");
                }
            }

            if (android.TryGetProperty("collapse_key", out var ck) || android.TryGetProperty("collapseKey", out ck))
            {
                if (ck.ValueKind != JsonValueKind.String)
                {
                    return Invalid($"Invalid value at 'message.android.collapse_key' (TYPE_STRING), {ck.GetRawText()}", "message.android.collapse_key");
                }

                collapseKey = ck.GetString();
            }

            if (android.TryGetProperty("data", out var androidData) && ReadStringMap(androidData, "message.android.data", []) is { } androidDataError)
            {
                return androidDataError;
            }
        }

        var apnsHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (msg.TryGetProperty("apns", out var apns))
        {
            if (apns.ValueKind != JsonValueKind.Object)
            {
                return Invalid("Invalid value at 'message.apns'", "message.apns");
            }

            if (UnknownField(apns, ApnsFields, "message.apns") is { } unknownApns)
            {
                return unknownApns;
            }

            if (apns.TryGetProperty("headers", out var headers) && ReadStringMap(headers, "message.apns.headers", apnsHeaders) is { } headerError)
            {
                return headerError;
            }

            if (apns.TryGetProperty("payload", out var payload) && payload.ValueKind != JsonValueKind.Object)
            {
                return Invalid("Invalid value at 'message.apns.payload' (type.googleapis.com/google.protobuf.Struct)", "message.apns.payload");
            }
        }

        message = new ValidatedMessage(token, topic, data, priority, ttl, collapseKey, apnsHeaders, validateOnly, msg.GetRawText());
        return null;
    }

    private static FcmOutcome? ReadStringMap(JsonElement element, string path, Dictionary<string, string> into)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Invalid($"Invalid value at '{path}' (map)", path);
        }

        var index = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return Invalid($"Invalid value at '{path}[{index}].value' (TYPE_STRING), {property.Value.GetRawText()}", $"{path}[{index}].value");
            }

            into[property.Name] = property.Value.GetString()!;
            index++;
        }

        return null;
    }

    private static FcmOutcome? UnknownField(JsonElement element, HashSet<string> known, string path)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                var at = path.Length == 0 ? "" : $" at '{path}'";
                return Invalid($"Invalid JSON payload received. Unknown name \"{property.Name}\"{at}: Cannot find field.", path);
            }
        }

        return null;
    }

    private static FcmOutcome Invalid(string message, string field) => FcmOutcome.Error(400, "INVALID_ARGUMENT", message, null, field);
}
