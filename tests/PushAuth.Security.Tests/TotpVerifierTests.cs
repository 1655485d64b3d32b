namespace PushAuth.Security.Tests;

public sealed class TotpVerifierTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1111111111);
    private static readonly long CurrentStep = Totp.GetTimeStep(Now);

    private static string CodeAt(long step, TotpParameters? parameters = null) =>
        Totp.ComputeCodeForStep(RfcTestKeys.For(parameters?.Algorithm ?? OtpAlgorithm.Sha1), step, parameters);

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Verify_CodeWithinOneStep_ReturnsMatchedStep(int offset)
    {
        var verifier = new TotpVerifier();

        var step = verifier.Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep + offset), Now);

        Assert.Equal(CurrentStep + offset, step);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void Verify_CodeTwoStepsAway_ReturnsNull(int offset) =>
        Assert.Null(new TotpVerifier().Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep + offset), Now));

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Verify_WindowZeroAdjacentStep_ReturnsNull(int offset) =>
        Assert.Null(new TotpVerifier(window: 0).Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep + offset), Now));

    [Fact]
    public void Verify_WindowZeroCurrentStep_ReturnsCurrentStep() =>
        Assert.Equal(CurrentStep, new TotpVerifier(window: 0).Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep), Now));

    [Fact]
    public void Verify_WindowTwoStepsTwoAway_Accepted() =>
        Assert.Equal(CurrentStep - 2, new TotpVerifier(window: 2).Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep - 2), Now));

    [Fact]
    public void Verify_SameStepAlreadyAccepted_RejectedAsReplay()
    {
        var verifier = new TotpVerifier();
        var code = CodeAt(CurrentStep);
        var first = verifier.Verify(RfcTestKeys.Sha1, code, Now);

        var second = verifier.Verify(RfcTestKeys.Sha1, code, Now, lastAcceptedStep: first);

        Assert.Equal(CurrentStep, first);
        Assert.Null(second);
    }

    [Fact]
    public void Verify_EarlierStepThanLastAccepted_RejectedAsReplay() =>
        Assert.Null(new TotpVerifier().Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep - 1), Now, lastAcceptedStep: CurrentStep));

    [Fact]
    public void Verify_LaterStepThanLastAccepted_Accepted() =>
        Assert.Equal(CurrentStep + 1, new TotpVerifier().Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep + 1), Now, lastAcceptedStep: CurrentStep));

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData(" 12345")]
    [InlineData("-12345")]
    [InlineData("１２３４５６")]
    [InlineData("99999999")]
    public void Verify_MalformedCode_ReturnsNullWithoutThrowing(string code) =>
        Assert.Null(new TotpVerifier().Verify(RfcTestKeys.Sha1, code, Now));

    [Fact]
    public void Verify_WrongCode_ReturnsNull()
    {
        var wrong = ((int.Parse(CodeAt(CurrentStep), System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var verifier = new TotpVerifier(window: 0);

        Assert.Null(verifier.Verify(RfcTestKeys.Sha1, wrong, Now));
    }

    [Fact]
    public void Verify_WrongKey_ReturnsNull() =>
        Assert.Null(new TotpVerifier().Verify(RfcTestKeys.Sha256, CodeAt(CurrentStep), Now));

    // Times from 1970 to 2603: they verify only because the given time is used and the clock never read.
    [Theory]
    [MemberData(nameof(Rfc6238Vectors.All), MemberType = typeof(Rfc6238Vectors))]
    public void Verify_Rfc6238AppendixB_ReportsStepT(long unixTime, long step, OtpAlgorithm algorithm, string code)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(unixTime);
        var parameters = new TotpParameters(algorithm, 8);

        Assert.Equal(step, new TotpVerifier(parameters, window: 0).Verify(RfcTestKeys.For(algorithm), code, now));
        Assert.Equal(step, new TotpVerifier(parameters, window: 1).Verify(RfcTestKeys.For(algorithm), code, now, lastAcceptedStep: step - 1));
        Assert.Null(new TotpVerifier(parameters, window: 1).Verify(RfcTestKeys.For(algorithm), code, now, lastAcceptedStep: step));
    }

    [Theory]
    [MemberData(nameof(Rfc6238Vectors.All), MemberType = typeof(Rfc6238Vectors))]
    public void Verify_Rfc6238AppendixB_AcceptedFromNeighbouringStepsWithinWindow(long unixTime, long step, OtpAlgorithm algorithm, string code)
    {
        var verifier = new TotpVerifier(new TotpParameters(algorithm, 8), window: 1);
        var now = DateTimeOffset.FromUnixTimeSeconds(unixTime);

        Assert.Equal(step, verifier.Verify(RfcTestKeys.For(algorithm), code, now.AddSeconds(30)));
        Assert.Equal(step, verifier.Verify(RfcTestKeys.For(algorithm), code, now.AddSeconds(-30)));
        Assert.Null(verifier.Verify(RfcTestKeys.For(algorithm), code, now.AddSeconds(60)));
    }

    [Fact]
    public void Verify_SixDigitCodeForEightDigitCredential_ReturnsNull()
    {
        var verifier = new TotpVerifier(new TotpParameters(digits: 8));

        Assert.Null(verifier.Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep), Now));
    }

    [Fact]
    public void Verify_AtUnixEpoch_NeverChecksNegativeSteps() =>
        Assert.Null(new TotpVerifier().VerifyAtStep(RfcTestKeys.Sha1, CodeAt(-1), 0));

    [Fact]
    public void Verify_WindowTwoFutureStepAfterFutureAcceptance_OnlyLaterStepAccepted()
    {
        var verifier = new TotpVerifier(window: 2);

        Assert.Null(verifier.Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep), Now, lastAcceptedStep: CurrentStep + 1));
        Assert.Null(verifier.Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep + 1), Now, lastAcceptedStep: CurrentStep + 1));
        Assert.Equal(CurrentStep + 2, verifier.Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep + 2), Now, lastAcceptedStep: CurrentStep + 1));
    }

    [Fact]
    public void Verify_LastAcceptedAtWindowEnd_RejectsEverything() =>
        Assert.Null(new TotpVerifier(window: 2).Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep + 2), Now, lastAcceptedStep: CurrentStep + 2));

    [Fact]
    public void Verify_WindowTwoPreviousStepsPartlyReplayed_AcceptsOnlyNewerOnes()
    {
        var verifier = new TotpVerifier(window: 2);

        Assert.Null(verifier.Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep - 2), Now, lastAcceptedStep: CurrentStep - 2));
        Assert.Equal(CurrentStep - 1, verifier.Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep - 1), Now, lastAcceptedStep: CurrentStep - 2));
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(-3)]
    public void VerifyAtStep_StepOutsideRange_ReturnsNullWithoutThrowing(long step) =>
        Assert.Null(new TotpVerifier(window: 2).VerifyAtStep(RfcTestKeys.Sha1, "123456", step));

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Verify_ExtremeLastAcceptedStep_DoesNotThrow(long lastAcceptedStep) =>
        new TotpVerifier(window: 2).Verify(RfcTestKeys.Sha1, CodeAt(CurrentStep), Now, lastAcceptedStep);

    [Fact]
    public void Verify_AtLatestRepresentableTime_DoesNotThrow() =>
        new TotpVerifier(window: 2).Verify(RfcTestKeys.Sha1, "123456", DateTimeOffset.MaxValue);

    [Fact]
    public void Verify_EmptyKey_DoesNotThrow() =>
        new TotpVerifier().Verify([], "123456", Now);

    [Fact]
    public void Verify_ZeroKeyDummyVerification_ReturnsNull() =>
        Assert.Null(new TotpVerifier().Verify(stackalloc byte[20], CodeAt(CurrentStep), Now));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Constructor_WindowInRange_Kept(int window) =>
        Assert.Equal(window, new TotpVerifier(window: window).Window);

    [Theory]
    [InlineData(-1)]
    [InlineData(TotpVerifier.MaxWindow + 1)]
    [InlineData(10)]
    public void Constructor_WindowOutOfRange_Throws(int window) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TotpVerifier(window: window));
}
