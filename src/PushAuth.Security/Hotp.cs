using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PushAuth.Security;

/// <summary>HOTP (RFC 4226): an HMAC over an 8-byte big-endian counter, dynamically truncated to 6 or 8 digits.</summary>
public static class Hotp
{
    internal const int MaxHashSize = 64;

    /// <summary>Computes the code for <paramref name="counter"/> as an integer (format it with leading zeros to show it).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> is not 6 or 8.</exception>
    public static int ComputeValue(ReadOnlySpan<byte> key, long counter, int digits = 6, OtpAlgorithm algorithm = OtpAlgorithm.Sha1)
    {
        ValidateDigits(digits);
        return ComputeValueCore(key, counter, digits, algorithm);
    }

    /// <summary>Computes the code for <paramref name="counter"/> as a string of exactly <paramref name="digits"/> digits.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> is not 6 or 8.</exception>
    public static string ComputeCode(ReadOnlySpan<byte> key, long counter, int digits = 6, OtpAlgorithm algorithm = OtpAlgorithm.Sha1) =>
        Format(ComputeValue(key, counter, digits, algorithm), digits);

    internal static int ComputeValueCore(ReadOnlySpan<byte> key, long counter, int digits, OtpAlgorithm algorithm)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> hash = stackalloc byte[MaxHashSize];
        var length = algorithm switch
        {
            OtpAlgorithm.Sha1 => HMACSHA1.HashData(key, message, hash),
            OtpAlgorithm.Sha256 => HMACSHA256.HashData(key, message, hash),
            OtpAlgorithm.Sha512 => HMACSHA512.HashData(key, message, hash),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown OTP algorithm."),
        };

        var offset = hash[length - 1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.Slice(offset, 4)) & 0x7FFFFFFF;
        return binary % (digits == 8 ? 100_000_000 : 1_000_000);
    }

    internal static string Format(int value, int digits) =>
        value.ToString(digits == 8 ? "D8" : "D6", System.Globalization.CultureInfo.InvariantCulture);

    internal static void ValidateDigits(int digits)
    {
        if (digits is not (6 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "OTP codes have 6 or 8 digits.");
        }
    }
}
