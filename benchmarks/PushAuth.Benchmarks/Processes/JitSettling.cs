namespace PushAuth.Benchmarks.Processes;

/// <summary>
/// When warm-up may end: tiered compilation keeps re-jitting hot methods (tier 0, instrumented tier, tier 1, OSR) for
/// a while after load starts, and that work would count in the measured CPU. Warm-up ends when fewer than
/// <see cref="MaxMethods"/> methods were jitted in the last <see cref="Window"/> in every silo, after at least
/// <see cref="Minimum"/>, and at <see cref="Maximum"/> in any case (the result then says the JIT had not settled).
/// </summary>
public sealed record JitSettling(TimeSpan Minimum, TimeSpan Maximum, TimeSpan Window, int MaxMethods)
{
    /// <summary>Fewer than 10 methods in 10 s: the JIT comes in bursts (tiered promotions are batched), so a short
    /// quiet spell is not enough; a trickle of one a second is methods off the approval path reaching their call counts.</summary>
    public static JitSettling Default { get; } = new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(10), 10);

    /// <summary>Methods jitted in the last <see cref="Window"/> before <paramref name="now"/>, or null while the
    /// series does not reach back that far.</summary>
    public double? RecentMethods(CumulativeSeries compiledMethods, DateTime now) =>
        compiledMethods.LastAt is { } last && compiledMethods.Between(last - Window, last) is { } recent && last >= now - TimeSpan.FromSeconds(3) ? recent : null;

    /// <summary>Whether warm-up is over, and whether that is because the JIT settled.</summary>
    public (bool Done, bool Settled) Decide(TimeSpan elapsed, IEnumerable<double?> recentMethodsPerSilo)
    {
        var settled = recentMethodsPerSilo.All(m => m is { } n && n < MaxMethods);
        return elapsed < Minimum ? (false, false) : (settled || elapsed >= Maximum, settled);
    }
}
