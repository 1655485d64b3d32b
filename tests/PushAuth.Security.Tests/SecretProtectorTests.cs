using System.Buffers.Text;
using System.Security.Cryptography;

namespace PushAuth.Security.Tests;

public sealed class SecretProtectorTests
{
    private static readonly byte[] KeyA = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Seed = RandomNumberGenerator.GetBytes(20);

    private static SecretProtector Protector(string active = "k1") =>
        new(new SecretKeyRing(new Dictionary<string, byte[]> { ["k1"] = KeyA, ["k2"] = KeyB }, active));

    [Fact]
    public void ProtectUnprotect_SameAssociatedData_RoundTrips()
    {
        var protector = Protector();

        var protectedValue = protector.Protect(Seed, "credential-42");

        Assert.Equal(Seed, protector.Unprotect(protectedValue, "credential-42"));
    }

    [Fact]
    public void Protect_Output_IsSelfDescribingEnvelope()
    {
        var protectedValue = Protector().Protect(Seed, "credential-42");

        var parts = protectedValue.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("v1", parts[0]);
        Assert.Equal("k1", parts[1]);
        Assert.Equal(12 + 16 + Seed.Length, Base64Url.DecodeFromChars(parts[2]).Length);
        Assert.Equal("k1", SecretProtector.GetKeyId(protectedValue));
    }

    [Fact]
    public void Protect_SamePlaintextTwice_UsesFreshNonces()
    {
        var protector = Protector();

        Assert.NotEqual(protector.Protect(Seed, "c"), protector.Protect(Seed, "c"));
    }

    [Fact]
    public void Unprotect_DifferentAssociatedData_Throws()
    {
        var protector = Protector();
        var protectedValue = protector.Protect(Seed, "credential-42");

        Assert.Throws<SecretProtectionException>(() => protector.Unprotect(protectedValue, "credential-43"));
    }

    [Fact]
    public void Unprotect_TamperedCiphertext_Throws()
    {
        var protector = Protector();
        var protectedValue = protector.Protect(Seed, "c");
        var payload = Base64Url.DecodeFromChars(protectedValue.AsSpan(protectedValue.LastIndexOf('.') + 1));
        payload[^1] ^= 0x01;
        var tampered = protectedValue[..(protectedValue.LastIndexOf('.') + 1)] + Base64Url.EncodeToString(payload);

        var ex = Assert.Throws<SecretProtectionException>(() => protector.Unprotect(tampered, "c"));
        Assert.Contains("tampered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_KeyIdRelabeled_Throws()
    {
        var protector = Protector();
        var protectedValue = protector.Protect(Seed, "c");

        Assert.Throws<SecretProtectionException>(() => protector.Unprotect(protectedValue.Replace("v1.k1.", "v1.k2.", StringComparison.Ordinal), "c"));
    }

    [Fact]
    public void Unprotect_UnknownKeyId_ThrowsNamingKeyId()
    {
        var protectedValue = Protector().Protect(Seed, "c");
        var otherRing = new SecretProtector(new SecretKeyRing(new Dictionary<string, byte[]> { ["k9"] = KeyA }, "k9"));

        var ex = Assert.Throws<SecretProtectionException>(() => otherRing.Unprotect(protectedValue, "c"));
        Assert.Contains("'k1'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v2.k1.AAAA")]
    [InlineData("v1.k1")]
    [InlineData("v1..AAAA")]
    [InlineData("v1.k1.AAAA")]
    [InlineData("v1.k1.!!!")]
    public void Unprotect_MalformedEnvelope_Throws(string value) =>
        Assert.Throws<SecretProtectionException>(() => Protector().Unprotect(value, "c"));

    [Fact]
    public void Unprotect_AfterActiveKeyRotated_StillReadsOldKeyId()
    {
        var old = Protector("k1").Protect(Seed, "c");
        var rotated = Protector("k2");

        var plaintext = rotated.Unprotect(old, "c");
        var reprotected = rotated.Protect(plaintext, "c");

        Assert.Equal(Seed, plaintext);
        Assert.True(rotated.NeedsReprotection(old));
        Assert.False(rotated.NeedsReprotection(reprotected));
        Assert.Equal("k2", SecretProtector.GetKeyId(reprotected));
    }

    [Fact]
    public void ProtectUnprotect_EmptyPlaintext_RoundTrips()
    {
        var protector = Protector();

        Assert.Empty(protector.Unprotect(protector.Protect([], "c"), "c"));
    }
}
