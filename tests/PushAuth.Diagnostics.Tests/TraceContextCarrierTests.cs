using System.Diagnostics;

namespace PushAuth.Diagnostics.Tests;

public sealed class TraceContextCarrierTests
{
    [Fact]
    public void Capture_ActivityWithTraceState_RoundTripsThroughParse()
    {
        using var activity = new Activity("outbox-write").SetIdFormat(ActivityIdFormat.W3C);
        activity.TraceStateString = "vendor=a;b,other=c";
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        activity.Start();

        var carrier = TraceContextCarrier.Capture(activity);
        var context = TraceContextCarrier.Parse(carrier);

        Assert.NotNull(context);
        Assert.Equal(activity.TraceId, context.Value.TraceId);
        Assert.Equal(activity.SpanId, context.Value.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, context.Value.TraceFlags);
        Assert.Equal("vendor=a;b,other=c", context.Value.TraceState);
        Assert.True(context.Value.IsRemote);
    }

    [Fact]
    public void Capture_NoTraceState_IsPlainTraceParent()
    {
        using var activity = new Activity("x").SetIdFormat(ActivityIdFormat.W3C).Start();

        var carrier = TraceContextCarrier.Capture(activity);

        Assert.NotNull(carrier);
        Assert.Equal(activity.Id, carrier);
        Assert.DoesNotContain(';', carrier);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", carrier);
    }

    [Fact]
    public void Capture_NoCurrentActivity_ReturnsNull()
    {
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            Assert.Null(TraceContextCarrier.Capture());
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    [Fact]
    public void Capture_HierarchicalActivity_ReturnsNull()
    {
        using var activity = new Activity("legacy").SetIdFormat(ActivityIdFormat.Hierarchical).Start();

        Assert.Null(TraceContextCarrier.Capture(activity));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-a-traceparent")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    public void Parse_InvalidInput_ReturnsNull(string? carrier)
    {
        Assert.Null(TraceContextCarrier.Parse(carrier));
    }

    [Fact]
    public void StartActivity_StoredContext_ContinuesTheStoredTrace()
    {
        using var source = new ActivitySource("PushAuth.Diagnostics.Tests.Carrier." + Guid.NewGuid().ToString("N"));
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        const string Stored = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        using var activity = TraceContextCarrier.StartActivity(source, "dispatch", Stored, ActivityKind.Consumer);

        Assert.NotNull(activity);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", activity.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", activity.ParentSpanId.ToHexString());
        Assert.Equal(ActivityKind.Consumer, activity.Kind);
    }
}
