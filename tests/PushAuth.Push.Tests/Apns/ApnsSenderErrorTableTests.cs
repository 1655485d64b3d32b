using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests.Apns;

/// <summary>Every row of <see cref="ApnsErrorClassifier"/> through the sender and the fake.</summary>
public sealed class ApnsSenderErrorTableTests
{
    public static TheoryData<string, PushResultKind, bool> Cases => new()
    {
        { nameof(ApnsOutcome.BadDeviceToken), PushResultKind.DeadToken, false },
        { nameof(ApnsOutcome.Unregistered), PushResultKind.DeadToken, false },
        { nameof(ApnsOutcome.ExpiredToken), PushResultKind.DeadToken, false },
        { "Gone", PushResultKind.DeadToken, false },
        { nameof(ApnsOutcome.DeviceTokenNotForTopic), PushResultKind.PermanentFailure, false },
        { nameof(ApnsOutcome.TopicDisallowed), PushResultKind.PermanentFailure, false },
        { nameof(ApnsOutcome.PayloadTooLarge), PushResultKind.PermanentFailure, false },
        { nameof(ApnsOutcome.ExpiredProviderToken), PushResultKind.AuthFailure, false },
        { nameof(ApnsOutcome.InvalidProviderToken), PushResultKind.AuthFailure, false },
        { nameof(ApnsOutcome.Forbidden), PushResultKind.AuthFailure, false },
        { "BadPath", PushResultKind.PermanentFailure, false },
        { "MethodNotAllowed", PushResultKind.PermanentFailure, false },
        { nameof(ApnsOutcome.TooManyProviderTokenUpdates), PushResultKind.RetryLater, true },
        { nameof(ApnsOutcome.TooManyRequests), PushResultKind.RetryLater, false },
        { nameof(ApnsOutcome.InternalServerError), PushResultKind.RetryLater, true },
        { nameof(ApnsOutcome.ServiceUnavailable), PushResultKind.RetryLater, true },
        { nameof(ApnsOutcome.Shutdown), PushResultKind.RetryLater, true },
        { "BadGateway", PushResultKind.RetryLater, true },
        { "Conflict", PushResultKind.PermanentFailure, false },
    };

    internal static ApnsOutcome Outcome(string name) => name switch
    {
        "Gone" => new ApnsOutcome(410, "SomethingNew"),
        "BadPath" => new ApnsOutcome(404, "BadPath"),
        "MethodNotAllowed" => new ApnsOutcome(405, "MethodNotAllowed"),
        "BadGateway" => new ApnsOutcome(502, "BadGateway"),
        "Conflict" => new ApnsOutcome(409, "Conflict"),
        _ => (ApnsOutcome)typeof(ApnsOutcome).GetProperty(name)!.GetValue(null)!,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SendAsync_ScriptedProviderError_ClassifiedPerTable(string outcome, PushResultKind kind, bool newConnection)
    {
        await using var harness = await ApnsHarness.StartAsync();
        var expected = Outcome(outcome);
        harness.Server.Script(TestMessages.IosToken, expected);

        var result = await harness.SendAsync();

        Assert.Equal(kind, result.Kind);
        Assert.Equal(expected.Reason, result.Reason);
        Assert.Equal(expected.Status, result.HttpStatus);
        Assert.Equal(newConnection ? 1 : 0, harness.Sender.ConnectionGeneration);
        Assert.Equal(0, harness.Server.Inbox.TotalCount);
    }

    [Fact]
    public void Rows_EveryRow_IsReachedByAFakeOutcome()
    {
        var reached = Cases.Select(c => Outcome((string)c[0])).Select(o => ApnsErrorClassifier.Match(o.Status, o.Reason)).ToHashSet();

        Assert.All(ApnsErrorClassifier.Rows, row => Assert.Contains(row, reached));
    }

    [Fact]
    public async Task SendAsync_Unregistered_DeadTokenAndNextSendOnSameConnection()
    {
        await using var harness = await ApnsHarness.StartAsync();
        harness.Server.Script(TestMessages.IosToken, ApnsOutcome.Unregistered);

        var dead = await harness.SendAsync();
        var other = await harness.SendAsync(TestMessages.HexToken(2));

        Assert.Equal(PushResultKind.DeadToken, dead.Kind);
        Assert.True(other.IsDelivered);
        Assert.Equal(1, harness.Server.Connections.Accepted);
    }

    [Fact]
    public async Task SendAsync_ServiceUnavailable_NextSendUsesNewConnection()
    {
        await using var harness = await ApnsHarness.StartAsync();
        harness.Server.Script(TestMessages.IosToken, ApnsOutcome.ServiceUnavailable, times: 1);

        var failed = await harness.SendAsync();
        var retried = await harness.SendAsync();

        Assert.Equal(PushResultKind.RetryLater, failed.Kind);
        Assert.True(retried.IsDelivered);
        Assert.Equal(2, harness.Server.Connections.Accepted);
        var records = harness.Server.Requests.Get(TestMessages.IosToken);
        Assert.NotEqual(records[0].ConnectionId, records[1].ConnectionId);
    }

    [Fact]
    public async Task SendAsync_ConcurrentServerErrors_ConnectionReplacedOnce()
    {
        await using var harness = await ApnsHarness.StartAsync();
        Assert.True((await harness.SendAsync()).IsDelivered);
        var tokens = Enumerable.Range(0, 20).Select(TestMessages.HexToken).ToList();
        tokens.ForEach(t => harness.Server.Script(t, ApnsOutcome.InternalServerError, times: 1));
        // Hold the answers so all 20 requests are on the first connection before any error comes back; otherwise a
        // late request would rightly fail on (and replace) the second connection on a busy machine.
        harness.Server.Latency = TimeSpan.FromMilliseconds(500);

        var results = await Task.WhenAll(tokens.Select(harness.SendAsync));
        harness.Server.Latency = TimeSpan.Zero;
        var after = await harness.SendAsync();

        Assert.All(results, r => Assert.Equal(PushResultKind.RetryLater, r.Kind));
        Assert.Equal(1, harness.Sender.ConnectionGeneration);
        Assert.True(after.IsDelivered);
        Assert.Equal(2, harness.Server.Connections.Accepted);
    }

    [Fact]
    public async Task SendAsync_RetryAfterSeconds_Parsed()
    {
        await using var harness = await ApnsHarness.StartAsync();
        harness.Server.Script(TestMessages.IosToken, ApnsOutcome.TooManyRequests.WithRetryAfter("9"));

        var result = await harness.SendAsync();

        Assert.Equal(TimeSpan.FromSeconds(9), result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_RetryAfterHttpDate_ParsedRelativeToClock()
    {
        await using var harness = await ApnsHarness.StartAsync();
        var at = harness.SenderTime.GetUtcNow().AddMinutes(5);
        harness.Server.Script(TestMessages.IosToken, ApnsOutcome.ServiceUnavailable.WithRetryAfter(at.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

        var result = await harness.SendAsync();

        Assert.Equal(TimeSpan.FromMinutes(5), result.RetryAfter);
    }
}
