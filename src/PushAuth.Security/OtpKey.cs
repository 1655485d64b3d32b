using System.Security.Cryptography;
using OtpNet;

namespace PushAuth.Security;

/// <summary>
/// One call's copy of a TOTP secret for Otp.NET, zeroed on dispose. Otp.NET's own <see cref="InMemoryKey"/>
/// keeps a padded copy it never clears and builds an <see cref="HMAC"/> object per code; this one hands the
/// platform's one-shot HMAC the key and leaves nothing behind.
/// </summary>
internal sealed class OtpKey : IKeyProvider, IDisposable
{
    private readonly byte[] _key;

    public OtpKey(ReadOnlySpan<byte> key) => _key = key.ToArray();

    /// <summary>An Otp.NET TOTP over this key. It reads the clock only through its overloads without a time, which we never call.</summary>
    public OtpNet.Totp CreateTotp(TotpParameters parameters) =>
        new(this, parameters.Period, HashMode(parameters.Algorithm), parameters.Digits);

    /// <summary>An Otp.NET HOTP over this key, to compute the code of one explicit step (never to verify: its comparison is not constant-time).</summary>
    public OtpNet.Hotp CreateHotp(TotpParameters parameters) =>
        new(this, HashMode(parameters.Algorithm), parameters.Digits);

    /// <inheritdoc />
    public byte[] ComputeHmac(OtpHashMode mode, byte[] data) => mode switch
    {
        OtpHashMode.Sha1 => HMACSHA1.HashData(_key, data),
        OtpHashMode.Sha256 => HMACSHA256.HashData(_key, data),
        OtpHashMode.Sha512 => HMACSHA512.HashData(_key, data),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown OTP hash mode."),
    };

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    private static OtpHashMode HashMode(OtpAlgorithm algorithm) => algorithm switch
    {
        OtpAlgorithm.Sha1 => OtpHashMode.Sha1,
        OtpAlgorithm.Sha256 => OtpHashMode.Sha256,
        OtpAlgorithm.Sha512 => OtpHashMode.Sha512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown OTP algorithm."),
    };
}
