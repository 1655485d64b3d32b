using Xunit;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Diagnostics;
using PushAuth.Silo.Tests.Infrastructure;

namespace PushAuth.Silo.Tests.Telemetry;

/// <summary>One approval across two silos, traced in-process: the login service's request is one trace through Orleans'
/// grain calls to the push send, and the device's answer is its own trace linked back to it.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class ApprovalTraceTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public ApprovalTraceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("Orleans.PushAuth", StringComparison.Ordinal) || s.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
                || s.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _spans.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Approval_TwoSilos_OneTraceFromRequestToPushSend_AnswerLinksBack()
    {
        await using var s = await Scenario.PostgresAsync(silos: 2);
        var phone = await s.DeviceAsync(silo: 1);
        await s.PairAsync(phone, "alice");
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/challenges")
        {
            Content = JsonContent.Create(new { userId = "alice", context = new { service = "Mail", action = "Sign in" }, numberMatching = false }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var created = await s.Login.SendAsync(request);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challengeId").GetString()!;

        // Spans are seen when they stop: wait for the delivery span (it encloses the call to the device grain and its
        // push send) and for the request's server span.
        await Eventually(() => _spans.Any(a => a.TraceId == traceId && a.OperationName == "push.deliver")
            && _spans.Any(a => a.TraceId == traceId && a.Source.Name == "Microsoft.AspNetCore"));
        var trace = _spans.Where(a => a.TraceId == traceId).ToList();
        // Follow the push send up its parents: it must reach the login service's request span, through Orleans' spans.
        var bySpan = trace.ToDictionary(a => a.SpanId);
        var chain = new List<Activity> { trace.First(a => a.OperationName == "push.send") };
        while (bySpan.TryGetValue(chain[^1].ParentSpanId, out var parent))
        {
            chain.Add(parent);
        }
        Assert.True(chain[^1].Source.Name == "Microsoft.AspNetCore", string.Join(" <- ", chain.Select(a => a.Source.Name + ":" + a.OperationName)));
        Assert.Contains(chain, a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.Contains(chain, a => a.OperationName == "push.deliver");
        Assert.Equal(PushAuthDiagnostics.PushActivitySourceName, chain[0].Source.Name);

        var pending = Assert.Single(await phone.PullAsync());
        using (var answered = await phone.AnswerAsync(pending, approve: true))
        {
            answered.EnsureSuccessStatusCode();
        }
        await Eventually(() => _spans.Any(a => a.OperationName == "challenge.answer" && a.Links.Any(l => l.Context.TraceId == traceId)));
        var answer = _spans.First(a => a.OperationName == "challenge.answer" && a.Links.Any(l => l.Context.TraceId == traceId));
        Assert.NotEqual(traceId, answer.TraceId);
        Assert.NotEmpty(id);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the spans did not arrive in time");
            await Task.Delay(25);
        }
    }
}
