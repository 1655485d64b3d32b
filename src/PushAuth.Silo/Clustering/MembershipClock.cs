namespace PushAuth.Silo.Clustering;

/// <summary>
/// The clock Orleans' membership area reads (<c>TimeProviderNames.Membership</c>): the silo's own clock, with
/// timestamps counted from when this clock was made instead of from machine boot.
/// </summary>
/// <remarks>
/// Orleans 10.4.2's <c>Watchdog.Start</c> starts its platform thread before it stamps the component check's first
/// timestamp, so a platform tick that wins that race measures "time since the last participant check" from timestamp 0,
/// which is the machine's uptime with <see cref="TimeProvider.System"/>. Every start on a busy machine then logged
/// "Participant check thread has not completed for 03:35:17" and recorded a stall in the silo's local health score.
/// Counted from here, that first reading is the few seconds since the silo was built (below the 2 × 10 s threshold);
/// a real stall is still reported. Only differences of timestamps have meaning, and Orleans' clock keys exist so an
/// area's clock can be replaced (tests install clocks with their own origin), so shifting the origin changes nothing
/// else: every other member delegates to the silo's clock.
/// </remarks>
public sealed class MembershipClock(TimeProvider inner) : TimeProvider
{
    private readonly long _origin = inner.GetTimestamp();

    /// <inheritdoc />
    public override long GetTimestamp() => inner.GetTimestamp() - _origin;

    /// <inheritdoc />
    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
