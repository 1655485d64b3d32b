namespace PushAuth.Security;

/// <summary>The shape of a TOTP credential (RFC 6238): hash, code length and time step, with T0 = 0.</summary>
public sealed record TotpParameters
{
    /// <summary>SHA-1, 6 digits, 30 seconds: what every authenticator app supports.</summary>
    public static TotpParameters Default { get; } = new();

    /// <summary>Creates parameters; throws when a value is outside what RFC 6238 and the key URI format allow.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Digits not 6 or 8, period outside 1..3600 s, or unknown algorithm.</exception>
    public TotpParameters(OtpAlgorithm algorithm = OtpAlgorithm.Sha1, int digits = 6, int period = 30)
    {
        if (!Enum.IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown OTP algorithm.");
        }

        if (digits is not (6 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "OTP codes have 6 or 8 digits.");
        }

        if (period is < 1 or > 3600)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The TOTP period must be between 1 and 3600 seconds.");
        }

        Algorithm = algorithm;
        Digits = digits;
        Period = period;
    }

    /// <summary>The HMAC hash function.</summary>
    public OtpAlgorithm Algorithm { get; }

    /// <summary>Number of decimal digits in a code: 6 or 8.</summary>
    public int Digits { get; }

    /// <summary>The time step X in seconds.</summary>
    public int Period { get; }
}
