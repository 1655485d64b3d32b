using System.Collections.Concurrent;

namespace PushAuth.Hosting.Tests.TestGrains;

/// <summary>Shared by all silos of a test so reminder firings can be counted across them.</summary>
public sealed class ReminderLog
{
    public ConcurrentQueue<(string Key, string Name)> Fired { get; } = new();

    public void Record(string key, string name) => Fired.Enqueue((key, name));
}
