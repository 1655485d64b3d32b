using System.Text;
using PushAuth.Client.Internal;
using PushAuth.Security;

namespace PushAuth.Client.Tests.Devices;

/// <summary>The package builds the strings a device signs itself (it carries no server code); they must be byte for byte
/// the silo's, which rebuilds them to verify.</summary>
public sealed class SignedStringsTests
{
    public static TheoryData<string, string, string, string?, string?, string> Answers => new()
    {
        { "ch_1", "n1", "approve", null, null, "dv_1" },
        { "ch_1", "n1", "approve", "42", null, "dv_1" },
        { "ch_1", "n1", "deny", null, "fraud", "dv_1" },
        { "ch_1", "n1", "deny", "", "", "dv_1" },
        { "ch_é", "n/+=", "deny", "007", "mistake", "dv:ü" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void ChallengeAnswer_SameAsSilo(string challengeId, string nonce, string decision, string? number, string? reason, string deviceId) =>
        Assert.Equal(CanonicalChallengeAnswer.Build(challengeId, nonce, decision, number, reason, deviceId),
            SignedStrings.ChallengeAnswer(challengeId, nonce, decision, number, reason, deviceId));

    [Theory]
    [InlineData("GET", "/v1/device/challenges", "")]
    [InlineData("put", "/v1/device/push-token?x=1&y=%20", "{\"pushProvider\":\"fcm\",\"pushToken\":\"t\"}")]
    [InlineData("DELETE", "/v1/device", "")]
    public void Request_SameAsSilo(string method, string pathAndQuery, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Assert.Equal(CanonicalRequest.Build(method, pathAndQuery, 1_700_000_000, bytes, "dv_1", "nonce-1"),
            SignedStrings.Request(method, pathAndQuery, 1_700_000_000, bytes, "dv_1", "nonce-1"));
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("reject")]
    public void PairingConfirmation_SameAsSilo(string decision) =>
        Assert.Equal(CanonicalPairingConfirmation.Build("pr_1", "n1", decision, "dv_1"), SignedStrings.PairingConfirmation("pr_1", "n1", decision, "dv_1"));

    [Theory]
    [InlineData("c1\nn1", "n1", "approve", "", "", "d1")]
    [InlineData("c1", "n1", "approve\n42", "", "", "d1")]
    [InlineData("c1", "n1", "approve", "4\r2", "", "d1")]
    [InlineData("c1", "n1", "deny", "", "declined\nd2", "d1")]
    [InlineData("c1", "", "approve", "", "", "d1")]
    public void ChallengeAnswer_LineBreakOrEmptyField_RefusedLikeTheSilo(string challengeId, string nonce, string decision, string number, string reason, string deviceId)
    {
        Assert.Throws<ArgumentException>(() => CanonicalChallengeAnswer.Build(challengeId, nonce, decision, number, reason, deviceId));
        Assert.Throws<ArgumentException>(() => SignedStrings.ChallengeAnswer(challengeId, nonce, decision, number, reason, deviceId));
    }

    [Theory]
    [InlineData("/v1/device\n", "d1", "n1")]
    [InlineData("/v1/device", "d1\nd2", "n1")]
    [InlineData("/v1/device", "d1", "")]
    public void Request_LineBreakOrEmptyField_RefusedLikeTheSilo(string path, string deviceId, string nonce)
    {
        Assert.Throws<ArgumentException>(() => CanonicalRequest.Build("GET", path, 1, [], deviceId, nonce));
        Assert.Throws<ArgumentException>(() => SignedStrings.Request("GET", path, 1, [], deviceId, nonce));
    }

    [Fact]
    public void RegistrationAndSession_DocumentedForm() =>
        Assert.Equal(("PA2-REGISTER\nn1\nspki", "PA1-SESSION\ndv_1\nn1"), (SignedStrings.Registration("n1", "spki"), SignedStrings.Session("dv_1", "n1")));
}
