using System.Collections.Concurrent;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>Counts incoming grain calls by interface and method, to see what a request cost.</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>Calls of <paramref name="method"/> of <paramref name="interfaceName"/> on the grain keyed <paramref name="key"/>.</summary>
    public int Count(string interfaceName, string method, string key) => _calls.GetValueOrDefault($"{interfaceName}.{method}/{key}");

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        _calls.AddOrUpdate($"{context.InterfaceMethod?.DeclaringType?.Name}.{context.InterfaceMethod?.Name}/{context.TargetId.Key}", 1, (_, n) => n + 1);
        await context.Invoke();
    }
}
