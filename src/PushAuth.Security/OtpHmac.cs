using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace PushAuth.Security;

/// <summary>
/// HMAC for OTP computation with the key's inner and outer pad states computed once and reused for every
/// counter in a verification window, without allocating. The platform's one-shot HMAC re-derives the pads
/// and crosses into native code on every call, which costs several microseconds; a window of ±1 needs up to three.
/// The hash compression functions are the FIPS 180-4 ones; tests check the output against the platform's HMAC.
/// </summary>
internal static class OtpHmac
{
    /// <summary>Number of <see cref="ulong"/> words a caller provides for the pad states.</summary>
    public const int PadWords = 16;

    private static ReadOnlySpan<uint> Sha1Iv => [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];

    private static ReadOnlySpan<uint> Sha256Iv =>
    [
        0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19,
    ];

    private static ReadOnlySpan<uint> Sha256K =>
    [
        0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4, 0xAB1C5ED5,
        0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE, 0x9BDC06A7, 0xC19BF174,
        0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F, 0x4A7484AA, 0x5CB0A9DC, 0x76F988DA,
        0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7, 0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967,
        0x27B70A85, 0x2E1B2138, 0x4D2C6DFC, 0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85,
        0xA2BFE8A1, 0xA81A664B, 0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070,
        0x19A4C116, 0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
        0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7, 0xC67178F2,
    ];

    private static ReadOnlySpan<ulong> Sha512Iv =>
    [
        0x6A09E667F3BCC908UL, 0xBB67AE8584CAA73BUL, 0x3C6EF372FE94F82BUL, 0xA54FF53A5F1D36F1UL,
        0x510E527FADE682D1UL, 0x9B05688C2B3E6C1FUL, 0x1F83D9ABFB41BD6BUL, 0x5BE0CD19137E2179UL,
    ];

    private static ReadOnlySpan<ulong> Sha512K =>
    [
        0x428A2F98D728AE22UL, 0x7137449123EF65CDUL, 0xB5C0FBCFEC4D3B2FUL, 0xE9B5DBA58189DBBCUL,
        0x3956C25BF348B538UL, 0x59F111F1B605D019UL, 0x923F82A4AF194F9BUL, 0xAB1C5ED5DA6D8118UL,
        0xD807AA98A3030242UL, 0x12835B0145706FBEUL, 0x243185BE4EE4B28CUL, 0x550C7DC3D5FFB4E2UL,
        0x72BE5D74F27B896FUL, 0x80DEB1FE3B1696B1UL, 0x9BDC06A725C71235UL, 0xC19BF174CF692694UL,
        0xE49B69C19EF14AD2UL, 0xEFBE4786384F25E3UL, 0x0FC19DC68B8CD5B5UL, 0x240CA1CC77AC9C65UL,
        0x2DE92C6F592B0275UL, 0x4A7484AA6EA6E483UL, 0x5CB0A9DCBD41FBD4UL, 0x76F988DA831153B5UL,
        0x983E5152EE66DFABUL, 0xA831C66D2DB43210UL, 0xB00327C898FB213FUL, 0xBF597FC7BEEF0EE4UL,
        0xC6E00BF33DA88FC2UL, 0xD5A79147930AA725UL, 0x06CA6351E003826FUL, 0x142929670A0E6E70UL,
        0x27B70A8546D22FFCUL, 0x2E1B21385C26C926UL, 0x4D2C6DFC5AC42AEDUL, 0x53380D139D95B3DFUL,
        0x650A73548BAF63DEUL, 0x766A0ABB3C77B2A8UL, 0x81C2C92E47EDAEE6UL, 0x92722C851482353BUL,
        0xA2BFE8A14CF10364UL, 0xA81A664BBC423001UL, 0xC24B8B70D0F89791UL, 0xC76C51A30654BE30UL,
        0xD192E819D6EF5218UL, 0xD69906245565A910UL, 0xF40E35855771202AUL, 0x106AA07032BBD1B8UL,
        0x19A4C116B8D2D0C8UL, 0x1E376C085141AB53UL, 0x2748774CDF8EEB99UL, 0x34B0BCB5E19B48A8UL,
        0x391C0CB3C5C95A63UL, 0x4ED8AA4AE3418ACBUL, 0x5B9CCA4F7763E373UL, 0x682E6FF3D6B2B8A3UL,
        0x748F82EE5DEFB2FCUL, 0x78A5636F43172F60UL, 0x84C87814A1F0AB72UL, 0x8CC702081A6439ECUL,
        0x90BEFFFA23631E28UL, 0xA4506CEBDE82BDE9UL, 0xBEF9A3F7B2C67915UL, 0xC67178F2E372532BUL,
        0xCA273ECEEA26619CUL, 0xD186B8C721C0C207UL, 0xEADA7DD6CDE0EB1EUL, 0xF57D4F7FEE6ED178UL,
        0x06F067AA72176FBAUL, 0x0A637DC5A2C898A6UL, 0x113F9804BEF90DAEUL, 0x1B710B35131C471BUL,
        0x28DB77F523047D84UL, 0x32CAAB7B40C72493UL, 0x3C9EBE0A15C9BEBCUL, 0x431D67C49C100D4CUL,
        0x4CC5D4BECB3E42B6UL, 0x597F299CFC657E2AUL, 0x5FCB6FAB3AD6FAECUL, 0x6C44198C4A475817UL,
    ];

    /// <summary>Absorbs <c>key XOR ipad</c> and <c>key XOR opad</c> into <paramref name="pads"/> (16 words).</summary>
    public static void Prepare(OtpAlgorithm algorithm, ReadOnlySpan<byte> key, Span<ulong> pads)
    {
        var blockSize = algorithm == OtpAlgorithm.Sha512 ? 128 : 64;
        Span<byte> hashedKey = stackalloc byte[64];
        scoped var effectiveKey = key;
        if (key.Length > blockSize)
        {
            var written = algorithm switch
            {
                OtpAlgorithm.Sha1 => SHA1.HashData(key, hashedKey),
                OtpAlgorithm.Sha256 => SHA256.HashData(key, hashedKey),
                _ => SHA512.HashData(key, hashedKey),
            };
            effectiveKey = hashedKey[..written];
        }

        Span<byte> block = stackalloc byte[128];
        block = block[..blockSize];
        var inner = pads[..8];
        var outer = pads[8..];
        for (var pass = 0; pass < 2; pass++)
        {
            var padByte = pass == 0 ? (byte)0x36 : (byte)0x5C;
            block.Fill(padByte);
            for (var i = 0; i < effectiveKey.Length; i++)
            {
                block[i] ^= effectiveKey[i];
            }

            var state = pass == 0 ? inner : outer;
            Initialize(algorithm, state);
            Compress(algorithm, state, block);
        }

        CryptographicOperations.ZeroMemory(block);
        CryptographicOperations.ZeroMemory(hashedKey);
    }

    /// <summary>HMAC of the 8-byte big-endian <paramref name="counter"/>, dynamically truncated (RFC 4226 §5.3) modulo <paramref name="modulus"/>.</summary>
    public static int Truncate(OtpAlgorithm algorithm, ReadOnlySpan<ulong> pads, long counter, int modulus)
    {
        var blockSize = algorithm == OtpAlgorithm.Sha512 ? 128 : 64;
        var digestSize = algorithm switch
        {
            OtpAlgorithm.Sha1 => 20,
            OtpAlgorithm.Sha256 => 32,
            _ => 64,
        };

        Span<ulong> state = stackalloc ulong[8];
        Span<byte> block = stackalloc byte[128];
        block = block[..blockSize];

        // Inner hash: the pad block is already absorbed; one more block holds the counter and the padding.
        block.Clear();
        BinaryPrimitives.WriteInt64BigEndian(block, counter);
        block[8] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(block[^8..], (ulong)(blockSize + 8) * 8);
        pads[..8].CopyTo(state);
        Compress(algorithm, state, block);

        // Outer hash over the inner digest.
        block.Clear();
        WriteDigest(algorithm, state, block[..digestSize]);
        block[digestSize] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(block[^8..], (ulong)(blockSize + digestSize) * 8);
        pads[8..].CopyTo(state);
        Compress(algorithm, state, block);

        var digest = block[..digestSize];
        WriteDigest(algorithm, state, digest);
        var offset = digest[^1] & 0x0F;
        return (BinaryPrimitives.ReadInt32BigEndian(digest.Slice(offset, 4)) & 0x7FFFFFFF) % modulus;
    }

    private static void Initialize(OtpAlgorithm algorithm, Span<ulong> state)
    {
        state.Clear();
        switch (algorithm)
        {
            case OtpAlgorithm.Sha1: Sha1Iv.CopyTo(MemoryMarshal.Cast<ulong, uint>(state)); break;
            case OtpAlgorithm.Sha256: Sha256Iv.CopyTo(MemoryMarshal.Cast<ulong, uint>(state)); break;
            default: Sha512Iv.CopyTo(state); break;
        }
    }

    private static void WriteDigest(OtpAlgorithm algorithm, ReadOnlySpan<ulong> state, Span<byte> destination)
    {
        if (algorithm == OtpAlgorithm.Sha512)
        {
            for (var i = 0; i < 8; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(destination[(i * 8)..], state[i]);
            }

            return;
        }

        var words = MemoryMarshal.Cast<ulong, uint>(state);
        for (var i = 0; i < destination.Length / 4; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], words[i]);
        }
    }

    private static void Compress(OtpAlgorithm algorithm, Span<ulong> state, ReadOnlySpan<byte> block)
    {
        switch (algorithm)
        {
            case OtpAlgorithm.Sha1: CompressSha1(MemoryMarshal.Cast<ulong, uint>(state), block); break;
            case OtpAlgorithm.Sha256: CompressSha256(MemoryMarshal.Cast<ulong, uint>(state), block); break;
            default: CompressSha512(state, block); break;
        }
    }

    private static void CompressSha1(Span<uint> h, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[80];
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(t * 4)..]);
        }

        for (var t = 16; t < 80; t++)
        {
            w[t] = BitOperations.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }

        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (var t = 0; t < 20; t++)
        {
            Sha1Round(ref a, ref b, ref c, ref d, ref e, ((b & c) | (~b & d)) + 0x5A827999 + w[t]);
        }

        for (var t = 20; t < 40; t++)
        {
            Sha1Round(ref a, ref b, ref c, ref d, ref e, (b ^ c ^ d) + 0x6ED9EBA1 + w[t]);
        }

        for (var t = 40; t < 60; t++)
        {
            Sha1Round(ref a, ref b, ref c, ref d, ref e, ((b & c) | (b & d) | (c & d)) + 0x8F1BBCDC + w[t]);
        }

        for (var t = 60; t < 80; t++)
        {
            Sha1Round(ref a, ref b, ref c, ref d, ref e, (b ^ c ^ d) + 0xCA62C1D6 + w[t]);
        }

        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Sha1Round(ref uint a, ref uint b, ref uint c, ref uint d, ref uint e, uint functionPlusConstantPlusWord)
    {
        var temp = BitOperations.RotateLeft(a, 5) + functionPlusConstantPlusWord + e;
        e = d;
        d = c;
        c = BitOperations.RotateLeft(b, 30);
        b = a;
        a = temp;
    }

    private static void CompressSha256(Span<uint> h, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(t * 4)..]);
        }

        for (var t = 16; t < 64; t++)
        {
            var s0 = BitOperations.RotateRight(w[t - 15], 7) ^ BitOperations.RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            var s1 = BitOperations.RotateRight(w[t - 2], 17) ^ BitOperations.RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }

        var k = Sha256K;
        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (var t = 0; t < 64; t++)
        {
            var s1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            var ch = (e & f) ^ (~e & g);
            var temp1 = hh + s1 + ch + k[t] + w[t];
            var s0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            var maj = (a & b) ^ (a & c) ^ (b & c);
            var temp2 = s0 + maj;
            hh = g;
            g = f;
            f = e;
            e = d + temp1;
            d = c;
            c = b;
            b = a;
            a = temp1 + temp2;
        }

        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }

    private static void CompressSha512(Span<ulong> h, ReadOnlySpan<byte> block)
    {
        Span<ulong> w = stackalloc ulong[80];
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt64BigEndian(block[(t * 8)..]);
        }

        for (var t = 16; t < 80; t++)
        {
            var s0 = BitOperations.RotateRight(w[t - 15], 1) ^ BitOperations.RotateRight(w[t - 15], 8) ^ (w[t - 15] >> 7);
            var s1 = BitOperations.RotateRight(w[t - 2], 19) ^ BitOperations.RotateRight(w[t - 2], 61) ^ (w[t - 2] >> 6);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }

        var k = Sha512K;
        ulong a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (var t = 0; t < 80; t++)
        {
            var s1 = BitOperations.RotateRight(e, 14) ^ BitOperations.RotateRight(e, 18) ^ BitOperations.RotateRight(e, 41);
            var ch = (e & f) ^ (~e & g);
            var temp1 = hh + s1 + ch + k[t] + w[t];
            var s0 = BitOperations.RotateRight(a, 28) ^ BitOperations.RotateRight(a, 34) ^ BitOperations.RotateRight(a, 39);
            var maj = (a & b) ^ (a & c) ^ (b & c);
            var temp2 = s0 + maj;
            hh = g;
            g = f;
            f = e;
            e = d + temp1;
            d = c;
            c = b;
            b = a;
            a = temp1 + temp2;
        }

        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
