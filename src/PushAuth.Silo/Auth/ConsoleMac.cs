using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PushAuth.Abstractions;

namespace PushAuth.Silo.Auth;

/// <summary>The MAC of the console's cookies (sessions, CSRF tokens, passkey ceremonies): HMAC-SHA256 under a key of its
/// own derived from the session key, with the purpose in every input, so no console value can pass for another or for a
/// device token.</summary>
public sealed class ConsoleMac(IHostKeys keys)
{
    private byte[]? _key;

    public async Task<string> ComputeAsync(string purpose, string body, CancellationToken cancellationToken)
    {
        _key ??= await keys.DeriveAsync("pushauth/console-session", cancellationToken).ConfigureAwait(false);
        return Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n" + body)));
    }

    /// <summary>True when <paramref name="mac"/> is the MAC of <paramref name="body"/> (constant time).</summary>
    public async Task<bool> VerifyAsync(string purpose, string body, string mac, CancellationToken cancellationToken) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(await ComputeAsync(purpose, body, cancellationToken)), Encoding.ASCII.GetBytes(mac));
}
