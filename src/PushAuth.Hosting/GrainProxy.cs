using System.Collections.Concurrent;
using System.Reflection;

namespace PushAuth.Hosting;

/// <summary>
/// The grain reference handed out by the factory: every interface call becomes a turn on the activation.
/// (Orleans generates these at build time; a DispatchProxy does the same at run time.)
/// </summary>
public class GrainProxy : DispatchProxy
{
    private static readonly ConcurrentDictionary<MethodInfo, Func<GrainRuntime, GrainId, MethodInfo, object?[], object>> Invokers = new();
    private static readonly MethodInfo InvokeTypedMethod = typeof(GrainProxy).GetMethod(nameof(InvokeTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    private GrainRuntime _runtime = null!;
    private GrainId _grainId;

    internal void Initialize(GrainRuntime runtime, GrainId grainId)
    {
        _runtime = runtime;
        _grainId = grainId;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.DeclaringType == typeof(object))
        {
            return targetMethod.Name == nameof(ToString) ? _grainId.ToString() : targetMethod.Invoke(this, args);
        }
        var invoker = Invokers.GetOrAdd(targetMethod, CreateInvoker);
        return invoker(_runtime, _grainId, targetMethod, args ?? []);
    }

    private static Func<GrainRuntime, GrainId, MethodInfo, object?[], object> CreateInvoker(MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(Task))
        {
            var validated = IsValidatedByWrite(method);
            return (runtime, id, m, args) => runtime.RunTurnAsync<bool>(id, async grain =>
            {
                await ((Task)m.Invoke(grain, BindingFlags.DoNotWrapExceptions, null, args, null)!).ConfigureAwait(false);
                return true;
            }, FindToken(args), m.Name, validated);
        }
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return InvokeTypedMethod.MakeGenericMethod(returnType.GetGenericArguments()[0])
                .CreateDelegate<Func<GrainRuntime, GrainId, MethodInfo, object?[], object>>();
        }
        throw new InvalidOperationException($"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task or Task<T>.");
    }

    private static object InvokeTyped<T>(GrainRuntime runtime, GrainId id, MethodInfo method, object?[] args) =>
        runtime.RunTurnAsync(id, grain => (Task<T>)method.Invoke(grain, BindingFlags.DoNotWrapExceptions, null, args, null)!, FindToken(args), method.Name,
            ValidatedMethods.GetOrAdd(method, IsValidatedByWrite));

    private static readonly ConcurrentDictionary<MethodInfo, bool> ValidatedMethods = new();

    private static bool IsValidatedByWrite(MethodInfo method) => method.IsDefined(typeof(ValidatedByWriteAttribute), inherit: true);

    private static CancellationToken FindToken(object?[] args) =>
        args.Length > 0 && args[^1] is CancellationToken token ? token : CancellationToken.None;
}
