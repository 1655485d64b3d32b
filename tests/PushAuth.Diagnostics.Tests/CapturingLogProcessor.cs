using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace PushAuth.Diagnostics.Tests;

/// <summary>Copies what a test needs out of each log record (records are pooled and reused).</summary>
internal sealed class CapturingLogProcessor : BaseProcessor<LogRecord>
{
    public ConcurrentQueue<(string? Message, ActivityTraceId TraceId)> Records { get; } = new();

    public override void OnEnd(LogRecord data) => Records.Enqueue((data.FormattedMessage, data.TraceId));
}
