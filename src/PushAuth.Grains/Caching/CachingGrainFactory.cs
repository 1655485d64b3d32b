using System.Collections.Concurrent;
using Orleans.Metadata;

namespace PushAuth.Grains.Caching;

/// <summary>
/// The silo's <see cref="IGrainFactory"/>: Orleans' own factory, except that a grain interface's
/// <see cref="GrainInterfaceType"/> is resolved once per interface instead of on every <c>GetGrain</c>. Orleans resolves
/// it with attribute reflection and type-name formatting on each call (several µs and about 1.3 KB per reference);
/// the rest (interface to grain type, which follows the cluster manifest, and the reference itself) is still Orleans'.
/// Calls with a grain class name prefix, and everything else, go to Orleans' factory unchanged.
/// </summary>
internal sealed class CachingGrainFactory(IGrainFactory inner, GrainInterfaceTypeResolver interfaces, GrainInterfaceTypeToGrainTypeResolver grainTypes) : IGrainFactory
{
    // One entry per grain interface the code asks for: bounded by the code, not by callers.
    private readonly ConcurrentDictionary<Type, GrainInterfaceType> _interfaceTypes = new();

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithStringKey
    {
        if (grainClassNamePrefix is not null)
        {
            return inner.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(primaryKey);
        return (TGrainInterface)Create(typeof(TGrainInterface), IdSpan.Create(primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithGuidKey =>
        grainClassNamePrefix is null
            ? (TGrainInterface)Create(typeof(TGrainInterface), GrainIdKeyExtensions.CreateGuidKey(primaryKey))
            : inner.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithIntegerKey =>
        grainClassNamePrefix is null
            ? (TGrainInterface)Create(typeof(TGrainInterface), GrainIdKeyExtensions.CreateIntegerKey(primaryKey))
            : inner.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable =>
        (TGrainInterface)inner.GetGrain(grainId, InterfaceType(typeof(TGrainInterface)));

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => inner.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => inner.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver =>
        inner.CreateObjectReference<TGrainObserverInterface>(obj);

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver =>
        inner.DeleteObjectReference<TGrainObserverInterface>(obj);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => inner.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => inner.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => inner.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => inner.GetGrain(grainInterfaceType, grainPrimaryKey, keyExtension);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => inner.GetGrain(grainInterfaceType, grainPrimaryKey, keyExtension);

    public IAddressable GetGrain(GrainId grainId) => inner.GetGrain(grainId);

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => inner.GetGrain(grainId, interfaceType);

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) => inner.GetGrain(interfaceType, grainKey, grainClassNamePrefix);

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey) => inner.GetGrain(interfaceType, grainKey);

    private IAddressable Create(Type interfaceType, IdSpan key)
    {
        var grainInterfaceType = InterfaceType(interfaceType);
        return inner.GetGrain(GrainId.Create(grainTypes.GetGrainType(grainInterfaceType), key), grainInterfaceType);
    }

    private GrainInterfaceType InterfaceType(Type interfaceType) => _interfaceTypes.GetOrAdd(interfaceType, interfaces.GetGrainInterfaceType);
}
