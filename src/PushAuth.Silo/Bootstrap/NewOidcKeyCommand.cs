using System.Security.Cryptography;

namespace PushAuth.Silo.Bootstrap;

/// <summary>
/// <c>new-oidc-key signing|encryption [keyId]</c>: prints one new key of the OpenID Provider in its setting's format
/// (<c>keyId:base64</c>): an RSA 2048 PKCS#8 signing key, or 32 random bytes for encryption. Used by compose's keys
/// one-shot (the silo image has no openssl) and by hand for rotation (deploy/RUNBOOK.md, "Keys").
/// </summary>
public static class NewOidcKeyCommand
{
    public const string Command = "new-oidc-key";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var kind = args.Length > 1 ? args[1] : "";
        var keyId = args.Length > 2 ? args[2] : kind == "signing" ? "o1" : "e1";
        if (kind is not ("signing" or "encryption") || keyId.Length is 0 or > 32 || !keyId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            await error.WriteLineAsync("usage: new-oidc-key signing|encryption [keyId]");
            return 2;
        }
        byte[] key;
        if (kind == "signing")
        {
            using var rsa = RSA.Create(2048);
            key = rsa.ExportPkcs8PrivateKey();
        }
        else
        {
            key = RandomNumberGenerator.GetBytes(32);
        }
        await output.WriteAsync($"{keyId}:{Convert.ToBase64String(key)}");
        CryptographicOperations.ZeroMemory(key);
        return 0;
    }
}
