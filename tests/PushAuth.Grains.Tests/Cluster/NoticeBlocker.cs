using System.Collections.Concurrent;

namespace PushAuth.Grains.Tests.Cluster;

/// <summary>An incoming-call filter that makes chosen calls fail, so a test can hold an owed effect undelivered
/// while it kills a silo. Keyed by the call's first argument (a device id or a user key), so tests do not interfere.</summary>
public sealed class NoticeBlocker : IIncomingGrainCallFilter
{
    public static ConcurrentDictionary<string, bool> BlockedSubjects { get; } = new(StringComparer.Ordinal);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.Name is nameof(IUserGrain.RemoveDeviceAsync) or nameof(IDeviceGrain.RemovePairingAsync)
            && context.Request.GetArgumentCount() > 0 && context.Request.GetArgument(0) is string subject && BlockedSubjects.ContainsKey(subject))
        {
            throw new InvalidOperationException("Blocked by the test.");
        }
        return context.Invoke();
    }
}
