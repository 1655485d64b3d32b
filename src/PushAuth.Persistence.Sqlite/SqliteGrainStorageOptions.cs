using Orleans.Storage;

namespace PushAuth.Persistence.Sqlite;

/// <summary>Options of one named <see cref="SqliteGrainStorage"/>.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The payload serializer. Left unset, Orleans' <see cref="DefaultStorageProviderSerializerOptionsConfigurator{TOptions}"/>
    /// fills it from DI: the <see cref="IGrainStorageSerializer"/> keyed by the storage name, else the default one.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>Delete the row on clear (the ETag becomes null) instead of keeping a versioned tombstone. The
    /// tombstone (the default, as in Orleans' ADO.NET provider) makes an ETag from before the clear stale forever.</summary>
    public bool DeleteStateOnClear { get; set; }
}
