using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PushAuth.Diagnostics;
using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting;

/// <summary>
/// The silo's grain runtime: the grain factory, the activation cache and turn-based execution with
/// compare-and-set retries. Calls to one grain in this silo never interleave; across silos the ETag decides.
/// </summary>
public sealed partial class GrainRuntime : IGrainFactory, IDisposable
{
    private static readonly MethodInfo CreateStateMethod = typeof(GrainRuntime).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly ConcurrentDictionary<(Type, string), object> _references = new();
    private readonly IServiceProvider _services;
    private readonly GrainRegistry _registry;
    private readonly IGrainStorage _storage;
    private readonly GrainWriteContext _writeContext;
    private readonly GrainHostingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GrainRuntime> _logger;
    private readonly ITimer _collector;
    private int _collecting;

    public GrainRuntime(
        IServiceProvider services, GrainRegistry registry, IGrainStorage storage, GrainWriteContext writeContext,
        IOptions<GrainHostingOptions> options, TimeProvider time, ILogger<GrainRuntime> logger)
    {
        _services = services;
        _registry = registry;
        _storage = storage;
        _writeContext = writeContext;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, _options.IdleDeactivation.Ticks / 4));
        _collector = TimeProvider.System.CreateTimer(_ => CollectIdle(force: false), null, period, period);
    }

    /// <summary>Live activations in this silo.</summary>
    public int ActivationCount => _activations.Count;

    /// <summary>Compare-and-set conflicts seen (each one re-ran a turn).</summary>
    public long ConflictCount => Interlocked.Read(ref _conflicts);

    private long _conflicts;

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return (TGrainInterface)_references.GetOrAdd((typeof(TGrainInterface), key), static (k, runtime) =>
        {
            var registration = runtime._registry.Get(k.Item1);
            var proxy = DispatchProxy.Create(k.Item1, typeof(GrainProxy));
            ((GrainProxy)proxy).Initialize(runtime, new GrainId(registration.Name, k.Item2));
            return proxy;
        }, this);
    }

    /// <summary>Runs one turn on the grain: waits for its turn lock, refreshes state when needed, calls it,
    /// and on a compare-and-set conflict drops the activation and re-runs the call on fresh state.</summary>
    public async Task<T> RunTurnAsync<T>(GrainId grainId, Func<object, Task<T>> call, CancellationToken cancellationToken, string? methodName = null, bool validatedByWrite = false)
    {
        using var activity = PushAuthDiagnostics.Grains.StartActivity(methodName is null ? grainId.Type : $"{grainId.Type}/{methodName}");
        activity?.SetTag("pushauth.grain.type", grainId.Type);
        for (var attempt = 1; ; attempt++)
        {
            var activation = GetOrCreateActivation(grainId);
            await activation.TurnLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (activation.Deactivated)
                {
                    attempt--;
                    continue;
                }
                activation.LastUsedTicks = _time.GetTimestamp();
                if (activation.State is { } state)
                {
                    await state.RefreshAsync(force: false, skipIfLoaded: validatedByWrite, cancellationToken).ConfigureAwait(false);
                }
                return await call(activation.Instance).ConfigureAwait(false);
            }
            catch (InconsistentStateException ex)
            {
                Interlocked.Increment(ref _conflicts);
                PushAuthDiagnostics.RecordStorageConflict(grainId.Type);
                activity?.AddEvent(new ActivityEvent("etag-conflict"));
                Deactivate(activation);
                LogConflict(grainId, attempt);
                if (attempt >= _options.MaxTurnAttempts)
                {
                    throw new GrainConflictException(grainId, attempt, ex);
                }
            }
            catch (CorruptGrainStateException)
            {
                Deactivate(activation);
                throw;
            }
            catch
            {
                // The turn failed part way: do not trust what it may have changed in memory.
                activation.State?.Invalidate();
                throw;
            }
            finally
            {
                activation.TurnLock.Release();
            }
        }
    }

    /// <summary>Runs a turn on a grain identified by type name (used for reminders).</summary>
    public Task<T> RunTurnAsync<T>(GrainId grainId, Func<object, Task<T>> call) => RunTurnAsync(grainId, call, CancellationToken.None);

    private Activation GetOrCreateActivation(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }
        if (_activations.Count >= _options.MaxActivations)
        {
            CollectIdle(force: true);
        }
        return _activations.GetOrAdd(grainId, static (id, runtime) => runtime.CreateActivation(id), this);
    }

    private Activation CreateActivation(GrainId grainId)
    {
        var registration = _registry.Get(grainId.Type);
        var context = new GrainContext(grainId, this);
        object? state = registration.StateType is { } stateType
            ? CreateStateMethod.MakeGenericMethod(stateType).Invoke(this, [grainId])
            : null;
        // ActivatorUtilities refuses arguments the constructor does not take, so pass only what it asks for.
        var parameters = registration.Implementation.GetConstructors().Single().GetParameters();
        var extra = new List<object>(2);
        if (parameters.Any(p => p.ParameterType == typeof(IGrainContext)))
        {
            extra.Add(context);
        }
        if (state is not null)
        {
            extra.Add(state);
        }
        var instance = ActivatorUtilities.CreateInstance(_services, registration.Implementation, [.. extra]);
        return new Activation(grainId, instance, (IStateRefresh?)state);
    }

    private object CreateState<TState>(GrainId grainId) where TState : class, new() =>
        new PersistentState<TState>(grainId, _storage, _writeContext);

    private void Deactivate(Activation activation)
    {
        activation.Deactivated = true;
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));
    }

    /// <summary>Drops activations idle longer than the idle timeout; when over the memory bound, also the least recently used.</summary>
    internal void CollectIdle(bool force)
    {
        if (Interlocked.Exchange(ref _collecting, 1) == 1)
        {
            return;
        }
        try
        {
            var now = _time.GetTimestamp();
            var idleTicks = _options.IdleDeactivation;
            var candidates = _activations.Values.Where(a => _time.GetElapsedTime(a.LastUsedTicks, now) >= idleTicks).ToList();
            var overflow = _activations.Count - (_options.MaxActivations * 9 / 10);
            if (force && overflow > candidates.Count)
            {
                candidates = [.. _activations.Values.OrderBy(a => a.LastUsedTicks).Take(overflow)];
            }
            foreach (var activation in candidates)
            {
                // Only an activation nobody is using may go; a busy one is simply kept.
                if (activation.TurnLock.Wait(0))
                {
                    try
                    {
                        Deactivate(activation);
                    }
                    finally
                    {
                        activation.TurnLock.Release();
                    }
                }
            }
        }
        finally
        {
            Volatile.Write(ref _collecting, 0);
        }
    }

    public void Dispose()
    {
        _collector.Dispose();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "ETag conflict on {GrainId}, attempt {Attempt}; re-running the turn on fresh state")]
    private partial void LogConflict(GrainId grainId, int attempt);
}
