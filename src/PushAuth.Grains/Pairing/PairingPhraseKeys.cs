using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PushAuth.Grains.Security;

namespace PushAuth.Grains.Pairing;

/// <summary>The grain key of a pairing phrase: HMAC-SHA256 of the canonical phrase under a key derived from the session key,
/// so the 44-bit phrase never shows in a grain id (traces carry grain ids as <c>orleans.rpc.target_id</c>), and a trace
/// reader cannot run through the 2^44 phrases without the key.</summary>
internal sealed class PairingPhraseKeys(KeyMaterial keys)
{
    private byte[]? _key;

    public async Task<string> GrainKeyAsync(string canonicalPhrase, CancellationToken cancellationToken)
    {
        _key ??= HKDF.DeriveKey(HashAlgorithmName.SHA256, await keys.SessionKeyAsync(cancellationToken), 32, info: "pushauth/pairing-phrase"u8.ToArray());
        return "ph_" + Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonicalPhrase)));
    }
}
