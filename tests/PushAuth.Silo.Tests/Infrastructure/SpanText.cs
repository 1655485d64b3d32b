using System.Collections.Concurrent;
using System.Diagnostics;

namespace PushAuth.Silo.Tests.Infrastructure;

/// <summary>
/// Every span any source in this process stops while it lives, as one line of text (name, tags, event tags), for tests
/// that look for a secret in traces. Sampled as recorded, so nothing is left out for want of an exporter.
/// </summary>
public sealed class SpanText : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ActivityListener _listener;

    public SpanText()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _lines.Enqueue($"{a.DisplayName} {string.Join(' ', a.TagObjects.Select(t => $"{t.Key}={t.Value}"))} "
                + string.Join(' ', a.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The spans stopped so far, one line each.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public void Dispose() => _listener.Dispose();
}
