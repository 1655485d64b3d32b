using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace PushAuth.Security.Tests;

/// <summary>
/// RFC 4226 §5.3 written out independently of Otp.NET, over the platform's HMAC, so property tests have something
/// to compare the library path against.
/// </summary>
internal static class ReferenceHotp
{
    public static string Code(byte[] key, long counter, int digits, OtpAlgorithm algorithm)
    {
        var message = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var hash = algorithm switch
        {
            OtpAlgorithm.Sha256 => HMACSHA256.HashData(key, message),
            OtpAlgorithm.Sha512 => HMACSHA512.HashData(key, message),
            _ => HMACSHA1.HashData(key, message),
        };
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF;
        var modulus = digits == 8 ? 100_000_000 : 1_000_000;
        return (binary % modulus).ToString(digits == 8 ? "D8" : "D6", CultureInfo.InvariantCulture);
    }
}
