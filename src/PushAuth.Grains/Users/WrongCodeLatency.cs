namespace PushAuth.Grains.Users;

/// <summary>
/// The silo's moving average of the write a known user's wrong TOTP code costs, which an unknown user's attempt waits
/// so the two take about as long. One per silo (a singleton shared by the user grains), never a static: each silo (and
/// each test cluster's silo) measures its own storage.
/// </summary>
internal sealed class WrongCodeLatency
{
    /// <summary>The longest pad, whatever the storage's latency.</summary>
    public static readonly TimeSpan MaxPad = TimeSpan.FromMilliseconds(250);

    private long _ticks = TimeSpan.FromMilliseconds(2).Ticks;

    /// <summary>How long an unknown user's wrong code waits.</summary>
    public TimeSpan Pad => TimeSpan.FromTicks(Math.Min(Interlocked.Read(ref _ticks), MaxPad.Ticks));

    /// <summary>Moves the average an eighth of the way towards <paramref name="elapsed"/>.</summary>
    public void Record(TimeSpan elapsed)
    {
        var old = Interlocked.Read(ref _ticks);
        Interlocked.Exchange(ref _ticks, old + ((elapsed.Ticks - old) / 8));
    }
}
