using Orleans.Storage;

namespace PushAuth.Persistence.AzureStorage.Tests.Infrastructure;

/// <summary>A System.Text.Json grain state serializer, standing in for the one the host registers; it counts its calls
/// so tests can tell that the ADO.NET provider took the serializer from DI.</summary>
public sealed class RecordingJsonSerializer : IGrainStorageSerializer
{
    private static int _serializations;

    public static int Serializations => Volatile.Read(ref _serializations);

    public BinaryData Serialize<T>(T? input)
    {
        Interlocked.Increment(ref _serializations);
        return BinaryData.FromObjectAsJson(input);
    }

    public T? Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>();
}
