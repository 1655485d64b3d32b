using System.Net;
using PushAuth.Abstractions;
using PushAuth.Domain.Challenges;

namespace PushAuth.Domain.Tests.Challenges;

public sealed class WebhookTargetPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.1.2", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("2002:7f00:1::", false)]
    [InlineData("2002:808:808::", true)]
    [InlineData("2001:db8::1", false)]
    public void IsPublic_SpecialPurposeRanges_Refused(string address, bool expected) =>
        Assert.Equal(expected, WebhookTargetPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://hooks.example.com/h", null, true)]
    [InlineData("https://10.0.0.1/h", null, false)]
    [InlineData("https://10.0.0.1/h", "10.0.0.1", true)]
    [InlineData("http://10.0.0.1/h", "10.0.0.1", true)]
    [InlineData("http://hooks.example.com/h", null, false)]
    [InlineData("http://hooks.example.com/h", "HOOKS.example.com", true)]
    [InlineData("https://[::1]:8443/h", "::1", true)]
    [InlineData("https://[::1]:8443/h", null, false)]
    [InlineData("ftp://hooks.example.com/h", "hooks.example.com", false)]
    public void Check_ListedHostsOnly_MayBeInternalOrHttp(string url, string? listed, bool allowed)
    {
        string[]? hosts = listed is null ? null : [listed];
        if (allowed)
        {
            Assert.NotNull(WebhookTargetPolicy.Check(url, hosts));
        }
        else
        {
            Assert.Equal(ErrorKind.Validation, Assert.Throws<PushAuthException>(() => WebhookTargetPolicy.Check(url, hosts)).Kind);
        }
    }
}
