using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests.Fcm;

/// <summary>Every row of <see cref="FcmErrorClassifier"/> through the sender and the fake.</summary>
public sealed class FcmSenderErrorTableTests
{
    public static TheoryData<string, PushResultKind, string> Cases => new()
    {
        { nameof(FcmOutcome.ThirdPartyAuthError), PushResultKind.AuthFailure, "THIRD_PARTY_AUTH_ERROR" },
        { "ApnsAuthError", PushResultKind.AuthFailure, "THIRD_PARTY_AUTH_ERROR" },
        { nameof(FcmOutcome.Unauthenticated), PushResultKind.AuthFailure, "UNAUTHENTICATED" },
        { nameof(FcmOutcome.Unregistered), PushResultKind.DeadToken, "UNREGISTERED" },
        { nameof(FcmOutcome.InvalidRegistrationToken), PushResultKind.DeadToken, PushReasons.InvalidRegistrationToken },
        { "UnregisteredAs400", PushResultKind.DeadToken, "UNREGISTERED" },
        { nameof(FcmOutcome.InvalidArgument), PushResultKind.PermanentFailure, "INVALID_ARGUMENT" },
        { nameof(FcmOutcome.SenderIdMismatch), PushResultKind.PermanentFailure, "SENDER_ID_MISMATCH" },
        { "PermissionDenied", PushResultKind.AuthFailure, "PERMISSION_DENIED" },
        { nameof(FcmOutcome.QuotaExceeded), PushResultKind.RetryLater, "QUOTA_EXCEEDED" },
        { nameof(FcmOutcome.ProjectQuotaExceeded), PushResultKind.RetryLater, "RESOURCE_EXHAUSTED" },
        { "DeadlineExceeded", PushResultKind.RetryLater, "DEADLINE_EXCEEDED" },
        { nameof(FcmOutcome.Internal), PushResultKind.RetryLater, "INTERNAL" },
        { nameof(FcmOutcome.Unavailable), PushResultKind.RetryLater, "UNAVAILABLE" },
        { nameof(FcmOutcome.NonJsonUnavailable), PushResultKind.RetryLater, "UNAVAILABLE" },
        { nameof(FcmOutcome.NonJsonBadGateway), PushResultKind.RetryLater, "HTTP_502" },
        { "NotFoundWithoutDetail", PushResultKind.PermanentFailure, "NOT_FOUND" },
    };

    internal static FcmOutcome Outcome(string name) => name switch
    {
        "ApnsAuthError" => FcmOutcome.Error(401, "UNAUTHENTICATED", "Auth error from APNS or Web Push Service", "APNS_AUTH_ERROR"),
        "UnregisteredAs400" => FcmOutcome.Error(400, "INVALID_ARGUMENT", "Requested entity was not found.", "UNREGISTERED"),
        "PermissionDenied" => FcmOutcome.Error(403, "PERMISSION_DENIED", "The caller does not have permission", null),
        "DeadlineExceeded" => FcmOutcome.Error(408, "DEADLINE_EXCEEDED", "Deadline exceeded.", null),
        "NotFoundWithoutDetail" => FcmOutcome.Error(404, "NOT_FOUND", "Requested entity was not found.", null),
        _ => (FcmOutcome)typeof(FcmOutcome).GetProperty(name)!.GetValue(null)!,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SendAsync_ScriptedProviderError_ClassifiedPerTable(string outcome, PushResultKind kind, string reason)
    {
        await using var harness = await FcmHarness.StartAsync();
        harness.Server.Script(TestMessages.AndroidToken, Outcome(outcome));

        var result = await harness.SendAsync();

        Assert.Equal(kind, result.Kind);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(Outcome(outcome).Status, result.HttpStatus);
        Assert.Equal(0, harness.Server.Inbox.TotalCount);
    }

    [Fact]
    public void Rows_EveryRow_IsReachedByAFakeOutcome()
    {
        var reached = Cases.Select(c => FcmErrorClassifier.Match(FcmError.Parse(Outcome((string)c[0]).Status, Outcome((string)c[0]).Body))).ToHashSet();
        reached.Add(FcmErrorClassifier.Match(new FcmError(409, "ABORTED", null, null, false)));

        Assert.All(FcmErrorClassifier.Rows, row => Assert.Contains(row, reached));
    }

    [Fact]
    public async Task SendAsync_ProjectQuotaWithoutRetryAfter_WaitsOneMinute()
    {
        await using var harness = await FcmHarness.StartAsync();
        harness.Server.Script(TestMessages.AndroidToken, FcmOutcome.ProjectQuotaExceeded);

        var result = await harness.SendAsync();

        Assert.Equal(TimeSpan.FromMinutes(1), result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_RetryAfterSeconds_Parsed()
    {
        await using var harness = await FcmHarness.StartAsync();
        harness.Server.Script(TestMessages.AndroidToken, FcmOutcome.QuotaExceeded.WithRetryAfter("37"));

        var result = await harness.SendAsync();

        Assert.Equal(PushResultKind.RetryLater, result.Kind);
        Assert.Equal(TimeSpan.FromSeconds(37), result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_RetryAfterHttpDate_ParsedRelativeToClock()
    {
        await using var harness = await FcmHarness.StartAsync();
        var at = harness.Time.GetUtcNow().AddSeconds(120);
        harness.Server.Script(TestMessages.AndroidToken, FcmOutcome.Unavailable.WithRetryAfter(at.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

        var result = await harness.SendAsync();

        Assert.Equal(PushResultKind.RetryLater, result.Kind);
        Assert.InRange(result.RetryAfter!.Value, TimeSpan.FromSeconds(119), TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task SendAsync_ScriptedOnce_NextSendDelivered()
    {
        await using var harness = await FcmHarness.StartAsync();
        harness.Server.Script(TestMessages.AndroidToken, FcmOutcome.Internal, times: 1);

        var first = await harness.SendAsync();
        var second = await harness.SendAsync();

        Assert.Equal(PushResultKind.RetryLater, first.Kind);
        Assert.Equal(PushResultKind.Delivered, second.Kind);
    }
}
