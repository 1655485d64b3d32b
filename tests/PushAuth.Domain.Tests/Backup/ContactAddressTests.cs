using PushAuth.Domain.Backup;

namespace PushAuth.Domain.Tests.Backup;

public sealed class ContactAddressTests
{
    [Theory]
    [InlineData("email", " Alice@Example.COM ", "alice@example.com", "a***@example.com")]
    [InlineData("sms", "+49 (151) 1234-5678", "+4915112345678", "**********5678")]
    [InlineData("sms", "0049 151 12345678", "+4915112345678", "**********5678")]
    public void TryNormalize_OneContactOneForm_Masked(string channel, string raw, string normalized, string masked)
    {
        Assert.True(ContactAddress.TryNormalize(channel, raw, out var n, out _));
        Assert.Equal(normalized, n);
        Assert.Equal(masked, ContactAddress.Mask(channel, n));
    }

    [Theory]
    [InlineData("email", "no-at-sign")]
    [InlineData("email", "@example.com")]
    [InlineData("email", "a@example")]
    [InlineData("email", "a b@example.com")]
    [InlineData("email", "a@@example.com")]
    [InlineData("email", "a@.example.com")]
    [InlineData("sms", "015112345678")]
    [InlineData("sms", "+0151123456")]
    [InlineData("sms", "+1234")]
    [InlineData("sms", "+1555123456789012")]
    [InlineData("sms", null)]
    public void TryNormalize_NotAnAddress_AddressInvalid(string channel, string? raw)
    {
        Assert.False(ContactAddress.TryNormalize(channel, raw, out _, out var error));
        Assert.Equal("address.invalid", error);
    }

    [Fact]
    public void TryNormalize_UnknownChannel_ChannelInvalid()
    {
        Assert.False(ContactAddress.TryNormalize("fax", "+15551230001", out _, out var error));
        Assert.Equal("channel.invalid", error);
    }
}
