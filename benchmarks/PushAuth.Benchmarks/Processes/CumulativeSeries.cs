namespace PushAuth.Benchmarks.Processes;

/// <summary>
/// A running total sampled about once a second (a counter's cumulative value, or the sum of a histogram's counts),
/// read at any instant between two samples by linear interpolation. A measured window rarely starts on a sample, and
/// under steady load the total grows evenly between two, so the error is a fraction of one second's growth.
/// </summary>
public sealed class CumulativeSeries
{
    private readonly List<(DateTime At, double Total)> _samples = [];

    public int Count
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count;
            }
        }
    }

    public DateTime? LastAt
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count == 0 ? null : _samples[^1].At;
            }
        }
    }

    public double? Last
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count == 0 ? null : _samples[^1].Total;
            }
        }
    }

    /// <summary>Records the total at <paramref name="at"/> (samples arrive in time order; an older one is dropped).</summary>
    public void Add(DateTime at, double total)
    {
        lock (_samples)
        {
            if (_samples.Count > 0 && at < _samples[^1].At)
            {
                return;
            }
            _samples.Add((at, total));
        }
    }

    /// <summary>Adds <paramref name="increment"/> (what happened since the previous sample) to the running total.</summary>
    public void AddIncrement(DateTime at, double increment) => Add(at, (Last ?? 0) + increment);

    /// <summary>The total at <paramref name="at"/>, interpolated; null outside the sampled span.</summary>
    public double? At(DateTime at)
    {
        lock (_samples)
        {
            if (_samples.Count == 0 || at < _samples[0].At || at > _samples[^1].At)
            {
                return null;
            }
            var after = _samples.FindIndex(s => s.At >= at);
            if (after == 0 || _samples[after].At == at)
            {
                return _samples[after].Total;
            }
            var (t0, v0) = _samples[after - 1];
            var (t1, v1) = _samples[after];
            return v0 + ((v1 - v0) * (at - t0).Ticks / (t1 - t0).Ticks);
        }
    }

    /// <summary>Growth between two instants; null when either is outside the sampled span. With
    /// <paramref name="increments"/> (a total built from per-interval counts, such as a histogram's, which are only
    /// published for intervals that had any) the total is zero before the first sample and stays at the last one
    /// after it: the caller has waited for a later collection of the same session first.</summary>
    public double? Between(DateTime from, DateTime to, bool increments = false)
    {
        if (!increments)
        {
            return At(from) is { } a && At(to) is { } b ? b - a : null;
        }
        return TotalOfIncrements(to) - TotalOfIncrements(from);
    }

    private double TotalOfIncrements(DateTime at)
    {
        lock (_samples)
        {
            if (_samples.Count == 0 || at < _samples[0].At)
            {
                return 0;
            }
        }
        return At(at) ?? Last ?? 0;
    }
}
