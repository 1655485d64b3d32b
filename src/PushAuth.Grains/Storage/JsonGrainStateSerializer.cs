using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace PushAuth.Grains.Storage;

/// <summary>
/// Grain state as System.Text.Json, chosen over the providers' default (Newtonsoft with <c>$type</c> names): the
/// declared state type alone decides what a row becomes, never the row; unknown members are ignored and missing ones
/// take their defaults, so old rows load after new fields are added; enums are stored by name. Renames are guarded by
/// a golden-row test: a renamed member keeps its stored name with <see cref="JsonPropertyNameAttribute"/>.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    /// <summary>The options every stored state is written and read with.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
        ?? throw new JsonException($"A stored {typeof(T).Name} is empty.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Polymorphic metadata ($type) is never read: the declared type decides.
            AllowOutOfOrderMetadataProperties = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
