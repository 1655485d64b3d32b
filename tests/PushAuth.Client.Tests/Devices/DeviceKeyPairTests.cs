using System.Buffers.Text;
using System.Security.Cryptography;
using PushAuth.Client.Devices;
using PushAuth.Security;

namespace PushAuth.Client.Tests.Devices;

public sealed class DeviceKeyPairTests
{
    private const string Message = "PA1-SESSION\ndv_1\nn1";

    [Fact]
    public void Sign_P1363_VerifiesWithTheSilosKeyImport()
    {
        using var pair = DeviceKeyPair.Create();

        var signature = pair.Sign(Message);

        Assert.Equal(DeviceSignature.SignatureSize, signature.Length);
        Assert.True(DeviceKey.Import(pair.PublicKeySpki).Verify(Message, signature));
        Assert.True(DeviceSignature.Verify(pair.PublicKeySpki, Message, pair.SignToBase64Url(Message)));
        Assert.False(DeviceSignature.Verify(pair.PublicKeySpki, Message + "x", pair.SignToBase64Url(Message)));
    }

    [Fact]
    public void ExportPkcs8_ImportPkcs8_SameKey()
    {
        using var original = DeviceKeyPair.Create();
        using var restored = DeviceKeyPair.ImportPkcs8(original.ExportPkcs8());

        Assert.Equal(original.PublicKeySpki, restored.PublicKeySpki);
        Assert.True(DeviceKey.Import(original.PublicKeySpki).Verify(Message, restored.Sign(Message)));
    }

    [Fact]
    public void ImportPkcs8_GarbageOrOtherCurve_ArgumentException()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => DeviceKeyPair.ImportPkcs8("AAAA"));
        Assert.Throws<ArgumentException>(() => DeviceKeyPair.ImportPkcs8("not base64url!"));
        Assert.Throws<ArgumentException>(() => DeviceKeyPair.ImportPkcs8(Base64Url.EncodeToString(p384.ExportPkcs8PrivateKey())));
    }
}
