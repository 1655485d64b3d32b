using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using PushAuth.Abstractions;
using PushAuth.Diagnostics;
using PushAuth.Grains.Tests.Cluster;

namespace PushAuth.Grains.Tests.Telemetry;

/// <summary>Spans and metrics of one full approval, recorded in-process.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class ApprovalTelemetryTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentDictionary<string, double> _measurements = new();
    private readonly ActivityListener _listener;
    private readonly MeterListener _meters = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pushauth-telemetry-" + Guid.NewGuid().ToString("N"));
    private ApprovalSilo _silo = null!;

    public ApprovalTelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("Orleans.PushAuth", StringComparison.Ordinal) || s.Name == "Test.LoginService",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _spans.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PushAuthDiagnostics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, v, _, _) => _measurements.AddOrUpdate(i.Name, v, (_, old) => old + v));
        _meters.SetMeasurementEventCallback<double>((i, v, _, _) => _measurements.AddOrUpdate(i.Name, 1, (_, old) => old + 1));
        _meters.Start();
    }

    public async Task InitializeAsync() => _silo = await ApprovalSilo.SqliteAsync(_directory);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task FullApproval_IsOneConnectedTrace_AnswerLinksBack_MetricsMove()
    {
        await using var world = await ApprovalWorld.CreateAsync([_silo], devices: 1);
        using var loginService = new ActivitySource("Test.LoginService");
        ChallengeView challenge;
        string traceId;
        using (var request = loginService.StartActivity("POST /v1/challenges", ActivityKind.Server)!)
        {
            traceId = request.TraceId.ToString();
            challenge = await world.CreateAsync();
        }
        await Poll(() => _spans.Any(s => s.OperationName == "push.send" && s.TraceId.ToString() == traceId));

        var trace = _spans.Where(s => s.TraceId.ToString() == traceId).ToList();
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        var roots = trace.Where(s => !ids.Contains(s.ParentSpanId)).ToList();
        Assert.Single(roots);
        Assert.Equal("POST /v1/challenges", roots[0].OperationName);
        Assert.Contains(trace, s => s.Source.Name == PushAuthDiagnostics.GrainsActivitySourceName && s.OperationName == "userpush/CreateChallengeAsync");
        Assert.Contains(trace, s => s.Source.Name == PushAuthDiagnostics.StorageActivitySourceName && Equals(s.GetTagItem("pushauth.grain.type"), "challenge"));
        Assert.Contains(trace, s => s.OperationName == "outbox push");
        Assert.DoesNotContain(trace, s => s.Tags.Any(t => t.Value?.Contains(challenge.ChallengeId, StringComparison.Ordinal) == true));

        using (var deviceRequest = loginService.StartActivity("POST /v1/device/challenges/answer", ActivityKind.Server)!)
        {
            Assert.True((await world.AnswerAsync(0, challenge.ChallengeId, "d1", "approve", challenge.NumberMatch)).Accepted);
        }
        var answer = _spans.Single(s => s.OperationName == "challenge.answer");
        Assert.NotEqual(traceId, answer.TraceId.ToString());
        Assert.Contains(answer.Links, l => l.Context.TraceId.ToString() == traceId);

        await Poll(() => _measurements.ContainsKey("pushauth.challenge.resolved"));
        foreach (var name in new[] { "pushauth.challenge.created", "pushauth.challenge.resolved", "pushauth.challenge.decision.duration", "pushauth.push.sends", "pushauth.push.send.duration", "pushauth.storage.operation.duration" })
        {
            Assert.True(_measurements.ContainsKey(name), $"{name} did not move");
        }
    }

    private static async Task Poll(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(25);
        }
    }
}

/// <summary>Listeners are process-wide: telemetry tests do not run in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
