namespace PushAuth.Security.Tests;

public sealed class CanonicalStringTests
{
    [Fact]
    public void CanonicalRequest_Build_JoinsFieldsInOrder()
    {
        var canonical = CanonicalRequest.Build("post", "/v1/challenges/c1/answer?x=1", 1700000000, [], "dev-1", "nonce-1");

        Assert.Equal(
            "PA1\nPOST\n/v1/challenges/c1/answer?x=1\n1700000000\n47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU\ndev-1\nnonce-1",
            canonical);
    }

    [Fact]
    public void CanonicalRequest_DifferentBody_DifferentString()
    {
        var a = CanonicalRequest.Build("POST", "/p", 1, "{\"a\":1}"u8, "d", "n");
        var b = CanonicalRequest.Build("POST", "/p", 1, "{\"a\":2}"u8, "d", "n");

        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("GET\n/evil", "/p", "d", "n")]
    [InlineData("GET", "/p\n2", "d", "n")]
    [InlineData("GET", "/p", "d\nx", "n")]
    [InlineData("GET", "/p", "d", "n\r")]
    [InlineData("", "/p", "d", "n")]
    [InlineData("GET", "/p", "", "n")]
    public void CanonicalRequest_FieldInjectionOrEmpty_Throws(string method, string path, string deviceId, string nonce) =>
        Assert.Throws<ArgumentException>(() => CanonicalRequest.Build(method, path, 1, [], deviceId, nonce));

    [Fact]
    public void CanonicalRequest_InjectedBodyHash_Throws() =>
        Assert.Throws<ArgumentException>(() => CanonicalRequest.BuildWithBodyHash("GET", "/p", 1, "h\nd", "d", "n"));

    [Fact]
    public void CanonicalChallengeAnswer_Build_UsesVersion2TagAndEmptyOptionalFields()
    {
        Assert.Equal("PA2-ANSWER\nc1\nn1\napprove\n\n\nd1", CanonicalChallengeAnswer.Build("c1", "n1", "approve", null, null, "d1"));
        Assert.Equal("PA2-ANSWER\nc1\nn1\napprove\n42\n\nd1", CanonicalChallengeAnswer.Build("c1", "n1", "approve", "42", null, "d1"));
        Assert.Equal("PA2-ANSWER\nc1\nn1\ndeny\n\nfraud\nd1", CanonicalChallengeAnswer.Build("c1", "n1", "deny", null, "fraud", "d1"));
    }

    [Fact]
    public void CanonicalChallengeAnswer_DeclineSignature_DoesNotVerifyAsFraud()
    {
        using var pair = DeviceKeyPair.Create();
        var declined = pair.SignToBase64Url(CanonicalChallengeAnswer.Build("c1", "n1", "deny", null, "declined", "d1"));

        Assert.False(DeviceKey.Import(pair.PublicKeySpki).Verify(CanonicalChallengeAnswer.Build("c1", "n1", "deny", null, "fraud", "d1"), declined));
        Assert.False(DeviceKey.Import(pair.PublicKeySpki).Verify(CanonicalChallengeAnswer.Build("c1", "n1", "deny", null, null, "d1"), declined));
    }

    [Theory]
    [InlineData("c1\nn1", "n1", "approve", "", "", "d1")]
    [InlineData("c1", "n1", "approve\n42", "", "", "d1")]
    [InlineData("c1", "n1", "approve", "4\n2", "", "d1")]
    [InlineData("c1", "n1", "deny", "", "declined\nd2", "d1")]
    [InlineData("c1", "", "approve", "", "", "d1")]
    public void CanonicalChallengeAnswer_FieldInjectionOrEmpty_Throws(string challengeId, string nonce, string decision, string number, string reason, string deviceId) =>
        Assert.Throws<ArgumentException>(() => CanonicalChallengeAnswer.Build(challengeId, nonce, decision, number, reason, deviceId));

    [Fact]
    public void CanonicalPairingConfirmation_Build_JoinsFields() =>
        Assert.Equal("PA1-PAIR\np1\nn1\naccept\nd1", CanonicalPairingConfirmation.Build("p1", "n1", "accept", "d1"));

    [Fact]
    public void CanonicalPairingConfirmation_FieldInjection_Throws() =>
        Assert.Throws<ArgumentException>(() => CanonicalPairingConfirmation.Build("p1", "n1", "accept\nd2", "d1"));

    [Fact]
    public void CanonicalStrings_SignedAnswer_CannotBeReusedAsPairing()
    {
        using var pair = DeviceKeyPair.Create();
        var signature = pair.SignToBase64Url(CanonicalChallengeAnswer.Build("x", "n", "approve", "", "", "d"));

        Assert.False(DeviceKey.Import(pair.PublicKeySpki).Verify(CanonicalPairingConfirmation.Build("x", "n", "approve", "d"), signature));
    }
}
