using System.Collections.Concurrent;
using System.Reflection;

namespace PushAuth.Hosting;

/// <summary>Maps grain interfaces to their implementation, stored type name and state type.</summary>
public sealed class GrainRegistry
{
    private readonly ConcurrentDictionary<Type, GrainRegistration> _byInterface = new();
    private readonly ConcurrentDictionary<string, GrainRegistration> _byName = new(StringComparer.Ordinal);

    /// <summary>Registers <typeparamref name="TImplementation"/> as the grain class for <typeparamref name="TInterface"/>.</summary>
    public void Register<TInterface, TImplementation>()
        where TInterface : IGrainWithStringKey
        where TImplementation : class, TInterface
    {
        var name = typeof(TInterface).GetCustomAttribute<GrainTypeAttribute>()?.Name
            ?? throw new InvalidOperationException($"Grain interface {typeof(TInterface).Name} needs a [GrainType] attribute.");
        var ctor = typeof(TImplementation).GetConstructors().Single();
        var stateType = ctor.GetParameters()
            .Select(p => p.ParameterType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .Select(t => t.GetGenericArguments()[0])
            .SingleOrDefault();
        var registration = new GrainRegistration(name, typeof(TInterface), typeof(TImplementation), stateType);
        if (!_byName.TryAdd(name, registration) || !_byInterface.TryAdd(typeof(TInterface), registration))
        {
            throw new InvalidOperationException($"Grain type '{name}' is registered twice.");
        }
    }

    /// <summary>The registration for <paramref name="grainInterface"/>, or for the one registered interface that extends it
    /// (so a narrow contract such as <c>IDevicePushGrain</c> reaches the grain registered for <c>IDeviceGrain</c>).</summary>
    public GrainRegistration Get(Type grainInterface)
    {
        if (_byInterface.TryGetValue(grainInterface, out var registration))
        {
            return registration;
        }
        var derived = _byName.Values.Where(r => grainInterface.IsAssignableFrom(r.Interface)).ToList();
        return derived.Count == 1
            ? _byInterface.GetOrAdd(grainInterface, derived[0])
            : throw new InvalidOperationException(derived.Count == 0
                ? $"No grain class is registered for {grainInterface.Name}."
                : $"Several grain classes implement {grainInterface.Name}; ask for the specific interface.");
    }

    public GrainRegistration Get(string grainType) =>
        _byName.TryGetValue(grainType, out var r) ? r
            : throw new InvalidOperationException($"No grain class is registered for grain type '{grainType}'.");
}

/// <summary>One registered grain type.</summary>
public sealed record GrainRegistration(string Name, Type Interface, Type Implementation, Type? StateType);
