using System.Buffers.Text;
using System.Security.Cryptography;
using PushAuth.Security.Backup;

namespace PushAuth.Security.Tests.Backup;

/// <summary>The backup protocol end to end on both sides, without a server: enroll, unlock, blob, and what fails.</summary>
public sealed class BackupProtocolTests
{
    private static readonly KdfParameters Fast = KdfParameters.Minimum;

    private static (string Salt, string Verifier, string Wrapped, byte[] Secret, byte[] Blob) Enroll(BackupServerKeys server, string passcode, string deviceId = "dv_a")
    {
        var salt = PasscodeKeys.NewSalt();
        var saltText = Base64Url.EncodeToString(salt);
        using var keys = PasscodeKeys.Derive(passcode, salt, Fast);
        var secret = RandomNumberGenerator.GetBytes(32);
        var context = BackupContexts.Enroll(deviceId, saltText);
        var sealedEnrollment = BackupSeal.Seal(server.SealingPublicKey, context, [.. keys.AuthKey, .. secret], out _);
        var blob = BackupBlobCipher.Encrypt(keys.BlobKeyShare, secret, salt, "{\"accounts\":[1]}"u8);

        // Server: open, keep a keyed verifier and the wrapped secret; never the auth key.
        var opened = server.Open(context, sealedEnrollment, out _)!;
        Assert.Equal(64, opened.Length);
        return (saltText, server.ComputeVerifier(salt, opened.AsSpan(0, 32)), server.WrapSecret(salt, opened.AsSpan(32)), secret, blob);
    }

    [Fact]
    public void Unlock_RightPasscode_ReleasesSecretOnlyTheDeviceCanRead()
    {
        using var server = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));
        var (saltText, verifier, wrapped, secret, blob) = Enroll(server, "4711");
        var salt = Base64Url.DecodeFromChars(saltText);

        using var keys = PasscodeKeys.Derive("4711", salt, Fast);
        var context = BackupContexts.Unlock("dv_b", "bk_x", "cv_y", saltText);
        var proof = BackupSeal.Seal(server.SealingPublicKey, context, keys.AuthKey, out var responseKey);

        var authKey = server.Open(context, proof, out var serverResponseKey)!;
        Assert.True(server.VerifierMatches(salt, authKey, verifier));
        var response = BackupSeal.SealResponse(serverResponseKey!, context, server.UnwrapSecret(salt, wrapped)!);

        var released = BackupSeal.OpenResponse(responseKey, context, response)!;
        Assert.Equal(secret, released);
        Assert.Equal("{\"accounts\":[1]}"u8.ToArray(), BackupBlobCipher.Decrypt(keys.BlobKeyShare, released, salt, blob));
    }

    [Fact]
    public void Unlock_WrongPasscode_VerifierRejects()
    {
        using var server = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));
        var (saltText, verifier, _, _, _) = Enroll(server, "4711");
        var salt = Base64Url.DecodeFromChars(saltText);

        using var wrong = PasscodeKeys.Derive("4712", salt, Fast);

        Assert.False(server.VerifierMatches(salt, wrong.AuthKey, verifier));
    }

    [Fact]
    public void Verifier_OtherMasterKey_CannotTestThePasscode()
    {
        // What a copy of the database holds is keyed with the master key: without it, even the right auth key does not match.
        using var server = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));
        using var thief = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));
        var (saltText, verifier, wrapped, _, _) = Enroll(server, "4711");
        var salt = Base64Url.DecodeFromChars(saltText);
        using var keys = PasscodeKeys.Derive("4711", salt, Fast);

        Assert.False(thief.VerifierMatches(salt, keys.AuthKey, verifier));
        Assert.Null(thief.UnwrapSecret(salt, wrapped));
        Assert.NotEqual(server.KeyId, thief.KeyId);
    }

    [Fact]
    public void Blob_PasscodeShareWithoutServerSecret_DoesNotDecrypt()
    {
        using var server = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));
        var (saltText, _, _, _, blob) = Enroll(server, "4711");
        var salt = Base64Url.DecodeFromChars(saltText);
        using var keys = PasscodeKeys.Derive("4711", salt, Fast);

        Assert.Null(BackupBlobCipher.Decrypt(keys.BlobKeyShare, new byte[32], salt, blob));
    }

    [Fact]
    public void Open_OtherContext_Null()
    {
        using var server = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));
        var proof = BackupSeal.Seal(server.SealingPublicKey, BackupContexts.Unlock("dv_a", "bk_1", "cv_1", "salt"), new byte[32], out _);

        Assert.Null(server.Open(BackupContexts.Unlock("dv_b", "bk_1", "cv_1", "salt"), proof, out _));
        Assert.Null(server.Open(BackupContexts.Unlock("dv_a", "bk_1", "cv_2", "salt"), proof, out _));
    }

    [Fact]
    public void Open_TamperedOrTruncated_Null()
    {
        using var server = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));
        var context = BackupContexts.Enroll("dv_a", "salt");
        var proof = BackupSeal.Seal(server.SealingPublicKey, context, new byte[64], out _);
        var tampered = proof.ToArray();
        tampered[^1] ^= 1;

        Assert.Null(server.Open(context, tampered, out _));
        Assert.Null(server.Open(context, proof.AsSpan(0, BackupSeal.MinRequestSize - 1), out _));
        Assert.Null(server.Open(context, [], out _));
    }

    [Fact]
    public void OpenResponse_AnotherDevicesResponseKey_Null()
    {
        using var server = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));
        const string context = "ctx";
        _ = BackupSeal.Seal(server.SealingPublicKey, context, new byte[32], out var mine);
        var theirs = BackupSeal.Seal(server.SealingPublicKey, context, new byte[32], out _);
        server.Open(context, theirs, out var theirResponseKey);
        var response = BackupSeal.SealResponse(theirResponseKey!, context, new byte[32]);

        Assert.Null(BackupSeal.OpenResponse(mine, context, response));
    }

    [Fact]
    public void ServerKeys_SameMasterKey_SameIdsAndHashes()
    {
        var master = RandomNumberGenerator.GetBytes(32);
        using var a = new BackupServerKeys(master);
        using var b = new BackupServerKeys(master);

        Assert.Equal(a.KeyId, b.KeyId);
        Assert.Equal(a.SealingPublicKey, b.SealingPublicKey);
        Assert.Equal(a.ContactHash("email", "a@example.com"), b.ContactHash("email", "a@example.com"));
        Assert.NotEqual(a.ContactHash("email", "a@example.com"), a.ContactHash("sms", "a@example.com"));
        Assert.Equal(43, a.ContactHash("email", "a@example.com").Length);
    }

    [Fact]
    public void CodeMatches_RightWrongAndOtherVerification()
    {
        using var server = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));
        var stored = server.HashCode("cv_1", "code", "123456");

        Assert.True(server.CodeMatches("cv_1", "code", "123456", stored));
        Assert.False(server.CodeMatches("cv_1", "code", "123457", stored));
        Assert.False(server.CodeMatches("cv_2", "code", "123456", stored));
        Assert.False(server.CodeMatches("cv_1", "link", "123456", stored));
        Assert.False(server.CodeMatches("cv_1", "code", null, stored));
    }

    [Fact]
    public void ServerKeys_ShortMasterKey_Throws() =>
        Assert.Throws<ArgumentException>(() => new BackupServerKeys(new byte[31]));

    [Fact]
    public void SealAddress_OpensOnlyForItsContactAndMasterKey()
    {
        using var server = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));
        using var thief = new BackupServerKeys(RandomNumberGenerator.GetBytes(32));

        var sealedAddress = server.SealAddress("contact-a", "alice@example.com");

        Assert.DoesNotContain("alice", sealedAddress, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("alice@example.com", server.OpenAddress("contact-a", sealedAddress));
        Assert.Null(server.OpenAddress("contact-b", sealedAddress));
        Assert.Null(thief.OpenAddress("contact-a", sealedAddress));
    }
}
