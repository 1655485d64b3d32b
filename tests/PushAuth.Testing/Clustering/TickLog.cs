using System.Collections.Concurrent;

namespace PushAuth.Testing.Clustering;

/// <summary>Ticks received by <see cref="TickGrain"/>s; the test silos run in this process, so a static log sees all of them.</summary>
public static class TickLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<(DateTime FirstTickTime, DateTime TickTime, string Silo)>> Ticks = new();

    public static void Record(string grain, DateTime firstTickTime, DateTime tickTime, string silo) =>
        Ticks.GetOrAdd(grain, _ => new()).Enqueue((firstTickTime, tickTime, silo));

    public static IReadOnlyList<(DateTime FirstTickTime, DateTime TickTime, string Silo)> For(string grain) =>
        Ticks.TryGetValue(grain, out var ticks) ? ticks.ToArray() : [];
}
