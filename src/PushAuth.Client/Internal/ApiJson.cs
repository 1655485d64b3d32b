using System.Text.Json;
using System.Text.Json.Serialization;

namespace PushAuth.Client.Internal;

/// <summary>The silo's wire format, shared by both clients: web defaults, enums as strings, nulls omitted.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
