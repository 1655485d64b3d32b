using PushAuth.Abstractions;
using PushAuth.Domain.Devices;
using PushAuth.Security;

namespace PushAuth.Domain.Tests.Devices;

public sealed class DeviceRulesTests
{
    private static readonly string Spki = CreateSpki();

    private static string CreateSpki()
    {
        using var key = DeviceKeyPair.Create();
        return key.PublicKeySpki;
    }

    private static DeviceRegistration Valid() => new(Spki, "android", "fcm", "token-1", " 1.2.3 ", "  Pixel  ");

    private static string CodeOf(Action action) => Assert.Throws<PushAuthException>(action).Code;

    [Fact]
    public void Validated_GoodRegistration_TrimsTexts()
    {
        var r = DeviceRules.Validated(Valid());

        Assert.Equal("Pixel", r.DisplayName);
        Assert.Equal("1.2.3", r.AppVersion);
    }

    [Theory]
    [InlineData("not-a-key", "android", "fcm", "t", "publicKey.invalid")]
    [InlineData(null, "symbian", "fcm", "t", "platform.invalid")]
    [InlineData(null, "ios", "sms", "t", "pushProvider.invalid")]
    [InlineData(null, "ios", "apns", "zz-not-hex", "pushToken.invalid")]
    [InlineData(null, "ios", "fcm", "has space", "pushToken.invalid")]
    [InlineData(null, "ios", "fcm", "", "pushToken.invalid")]
    public void Validated_BadField_400WithFieldCode(string? key, string platform, string provider, string token, string code)
    {
        var r = Valid() with { PublicKey = key ?? Spki, Platform = platform, PushProvider = provider, PushToken = token };

        Assert.Equal(code, CodeOf(() => DeviceRules.Validated(r)));
    }

    [Fact]
    public void Validated_OversizedFields_400()
    {
        Assert.Equal("displayName.invalid", CodeOf(() => DeviceRules.Validated(Valid() with { DisplayName = new string('x', 101) })));
        Assert.Equal("appVersion.invalid", CodeOf(() => DeviceRules.Validated(Valid() with { AppVersion = new string('1', 51) })));
        Assert.Equal("pushToken.invalid", CodeOf(() => DeviceRules.Validated(Valid() with { PushToken = new string('t', 4097) })));
        Assert.Equal("publicKey.invalid", CodeOf(() => DeviceRules.Validated(Valid() with { PublicKey = Spki + new string('A', 400) })));
    }

    [Fact]
    public void ValidateToken_DevProviderWithoutToken_Allowed_FcmWithoutToken_Refused()
    {
        DeviceRules.ValidateToken("dev", null);

        Assert.Equal("pushToken.invalid", CodeOf(() => DeviceRules.ValidateToken("fcm", null)));
    }
}
