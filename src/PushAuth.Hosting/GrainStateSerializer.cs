using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PushAuth.Hosting;

/// <summary>JSON (de)serialization of grain state with schema-version checks.</summary>
public static class GrainStateSerializer
{
    /// <summary>The options every state payload uses: camelCase, enums as strings, no indentation.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static int SchemaVersionOf(Type stateType) =>
        stateType.GetCustomAttribute<GrainStateAttribute>()?.SchemaVersion ?? 1;

    public static string Serialize(object state, Type stateType) => JsonSerializer.Serialize(state, stateType, Options);

    public static object Deserialize(GrainId grainId, Type stateType, string payload, int storedSchemaVersion)
    {
        var expected = SchemaVersionOf(stateType);
        if (storedSchemaVersion != expected)
        {
            throw new CorruptGrainStateException(grainId, $"schema version {storedSchemaVersion} is not the supported version {expected} of {stateType.Name}");
        }
        try
        {
            return JsonSerializer.Deserialize(payload, stateType, Options)
                ?? throw new CorruptGrainStateException(grainId, "the payload is null");
        }
        catch (JsonException ex)
        {
            throw new CorruptGrainStateException(grainId, $"the payload is not valid {stateType.Name} JSON ({ex.Message})", ex);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        // Nulls are written and missing members load as defaults, so a row written before a field was added still loads.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
