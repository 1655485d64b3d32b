using System.Buffers.Text;
using System.Security.Cryptography;

namespace PushAuth.Security.Tests;

public sealed class DeviceKeyTests
{
    private const string Message = "PA1\nPOST\n/v1/devices/d1/answers\n1700000000\n47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU\nd1\nn1";

    [Fact]
    public void Verify_SignatureFromPair_ReturnsTrue()
    {
        using var pair = DeviceKeyPair.Create();
        var key = DeviceKey.Import(pair.PublicKeySpki);

        var signature = pair.Sign(Message);

        Assert.Equal(DeviceSignature.SignatureSize, signature.Length);
        Assert.True(key.Verify(Message, signature));
        Assert.True(DeviceSignature.Verify(pair.PublicKeySpki, Message, pair.SignToBase64Url(Message)));
    }

    [Fact]
    public void Verify_OtherKey_ReturnsFalse()
    {
        using var signer = DeviceKeyPair.Create();
        using var other = DeviceKeyPair.Create();

        Assert.False(DeviceSignature.Verify(DeviceKey.Import(other.PublicKeySpki), Message, signer.SignToBase64Url(Message)));
    }

    [Fact]
    public void Verify_ModifiedMessage_ReturnsFalse()
    {
        using var pair = DeviceKeyPair.Create();
        var signature = pair.SignToBase64Url(Message);

        Assert.False(DeviceKey.Import(pair.PublicKeySpki).Verify(Message.Replace("n1", "n2", StringComparison.Ordinal), signature));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("AAAA")]
    public void Verify_MalformedSignature_ReturnsFalse(string signature)
    {
        using var pair = DeviceKeyPair.Create();

        Assert.False(DeviceSignature.Verify(DeviceKey.Import(pair.PublicKeySpki), Message, signature));
    }

    [Fact]
    public void Verify_DerEncodedSignature_ReturnsFalse()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = DeviceKey.Import(Base64Url.EncodeToString(ecdsa.ExportSubjectPublicKeyInfo()));
        var der = ecdsa.SignData(System.Text.Encoding.UTF8.GetBytes(Message), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        Assert.False(key.Verify(Message, der));
    }

    [Fact]
    public void Import_P384Key_ThrowsInvalidDeviceKey()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var spki = Base64Url.EncodeToString(p384.ExportSubjectPublicKeyInfo());

        var ex = Assert.Throws<InvalidDeviceKeyException>(() => DeviceKey.Import(spki));
        Assert.Contains("P-256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_RsaKey_ThrowsInvalidDeviceKey()
    {
        using var rsa = RSA.Create(2048);

        Assert.Throws<InvalidDeviceKeyException>(() => DeviceKey.Import(Base64Url.EncodeToString(rsa.ExportSubjectPublicKeyInfo())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("AAAAAAAA")]
    public void TryImport_Malformed_ReturnsFalse(string text)
    {
        Assert.False(DeviceKey.TryImport(text, out var key));
        Assert.Null(key);
        Assert.False(DeviceSignature.Verify(text, Message, "AAAA"));
    }

    [Fact]
    public void Import_TruncatedOrTrailingData_ThrowsInvalidDeviceKey()
    {
        using var pair = DeviceKeyPair.Create();
        var der = Base64Url.DecodeFromChars(pair.PublicKeySpki);

        Assert.Throws<InvalidDeviceKeyException>(() => DeviceKey.Import(Base64Url.EncodeToString(der[..^5])));
        Assert.Throws<InvalidDeviceKeyException>(() => DeviceKey.Import(Base64Url.EncodeToString([.. der, 0x00])));
    }

    [Fact]
    public void Thumbprint_IsBase64UrlSha256OfSpki()
    {
        using var pair = DeviceKeyPair.Create();
        var expected = Base64Url.EncodeToString(SHA256.HashData(Base64Url.DecodeFromChars(pair.PublicKeySpki)));

        Assert.Equal(expected, DeviceKey.Import(pair.PublicKeySpki).Thumbprint);
        Assert.Equal(43, expected.Length);
    }

    [Fact]
    public void Import_StandardBase64WithPadding_SameThumbprint()
    {
        using var pair = DeviceKeyPair.Create();
        var standard = Convert.ToBase64String(Base64Url.DecodeFromChars(pair.PublicKeySpki));

        Assert.Equal(DeviceKey.Import(pair.PublicKeySpki).Thumbprint, DeviceKey.Import(standard).Thumbprint);
    }

    [Fact]
    public void ImportPkcs8_ExportedKey_SignsVerifiably()
    {
        using var original = DeviceKeyPair.Create();
        using var restored = DeviceKeyPair.ImportPkcs8(original.ExportPkcs8());

        Assert.Equal(DeviceKey.Import(original.PublicKeySpki).Thumbprint, DeviceKey.Import(restored.PublicKeySpki).Thumbprint);
        Assert.True(DeviceKey.Import(original.PublicKeySpki).Verify(Message, restored.Sign(Message)));
    }

    [Fact]
    public void Verify_KeepsOneImportedVerifier_AndStillVerifiesAfterDispose()
    {
        using var pair = DeviceKeyPair.Create();
        var key = DeviceKey.Import(pair.PublicKeySpki);
        var signature = pair.Sign(Message);

        var first = key.Verify(Message, signature) && key.Verify(Message, signature);
        var keptAfterUse = key.HoldsVerifier;
        key.Dispose();
        var keptAfterDispose = key.HoldsVerifier;

        Assert.True(first);
        Assert.True(keptAfterUse);
        Assert.False(keptAfterDispose);
        // A caller that took the key before a cache evicted it still gets the right answers, and nothing is kept again.
        Assert.True(key.Verify(Message, signature));
        Assert.False(key.Verify(Message.Replace("n1", "n2", StringComparison.Ordinal), signature));
        Assert.False(key.HoldsVerifier);
    }

    [Fact]
    public void ReleaseVerifier_ReleasesForNow_TheNextVerificationKeepsOneAgain()
    {
        using var pair = DeviceKeyPair.Create();
        using var key = DeviceKey.Import(pair.PublicKeySpki);
        var signature = pair.Sign(Message);

        key.ReleaseVerifier();
        var afterRelease = key.HoldsVerifier;
        var verified = key.Verify(Message, signature);

        Assert.False(afterRelease);
        Assert.True(verified);
        Assert.True(key.HoldsVerifier);
    }

    [Fact]
    public async Task Verify_ConcurrentCallsOnOneKey_AllCorrect()
    {
        using var pair = DeviceKeyPair.Create();
        using var other = DeviceKeyPair.Create();
        using var key = DeviceKey.Import(pair.PublicKeySpki);
        var good = pair.Sign(Message);
        var bad = other.Sign(Message);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            Enumerable.Range(0, 50).All(i => key.Verify(Message, good) && !key.Verify(Message, bad)))));

        Assert.All(results, Assert.True);
        Assert.True(key.HoldsVerifier);
    }

    [Fact]
    public void Verify_LongMessage_SameAnswerAsShort()
    {
        using var pair = DeviceKeyPair.Create();
        using var key = DeviceKey.Import(pair.PublicKeySpki);
        var message = Message + new string('é', 2000);

        Assert.True(key.Verify(message, pair.Sign(message)));
        Assert.False(key.Verify(message + "x", pair.Sign(message)));
    }
}
