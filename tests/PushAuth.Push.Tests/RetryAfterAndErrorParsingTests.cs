namespace PushAuth.Push.Tests;

public sealed class RetryAfterAndErrorParsingTests
{
    [Fact]
    public void Parse_NonJsonBody_OnlyHttpStatus()
    {
        var error = FcmError.Parse(503, "<html>oops</html>");

        Assert.Equal(new FcmError(503, null, null, null, false), error);
        Assert.Equal(PushResultKind.RetryLater, FcmErrorClassifier.Classify(error).Kind);
    }

    [Fact]
    public void Parse_BadRequestFieldViolationOnToken_ConcernsRegistrationToken()
    {
        const string body = """{"error":{"code":400,"message":"Invalid value","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"message.token","description":"bad"}]}]}}""";

        var result = FcmErrorClassifier.Classify(FcmError.Parse(400, body));

        Assert.Equal(PushResultKind.DeadToken, result.Kind);
    }

    [Fact]
    public void Classify_RetryAfterOnPermanentFailure_Dropped()
    {
        var result = ApnsErrorClassifier.Classify(400, "BadTopic", TimeSpan.FromSeconds(5));

        Assert.Null(result.RetryAfter);
        Assert.Equal(PushResultKind.PermanentFailure, result.Kind);
    }
}
