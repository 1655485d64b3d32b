using System.Globalization;
using System.Security.Cryptography;

namespace PushAuth.Security;

/// <summary>
/// Number-matching codes: the login page shows a uniform random k-digit number and the user types it on the phone
/// (2 digits by default; 6 digits give about 20 bits).
/// </summary>
public static class NumberMatchingCode
{
    /// <summary>Smallest allowed length.</summary>
    public const int MinDigits = 2;

    /// <summary>Largest allowed length.</summary>
    public const int MaxDigits = 6;

    /// <summary>A uniform random number of exactly <paramref name="digits"/> digits, leading zeros kept.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> outside 2..6.</exception>
    public static string Generate(int digits = MinDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, MinDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaxDigits);
        var bound = (int)Math.Pow(10, digits);
        return RandomNumberGenerator.GetInt32(bound).ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Compares the expected code with the user's answer in constant time (for equal lengths).</summary>
    public static bool Matches(string expected, string? answer)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return answer is not null
            && answer.Length == expected.Length
            && CryptographicOperations.FixedTimeEquals(
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected.AsSpan()),
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(answer.AsSpan()));
    }
}
