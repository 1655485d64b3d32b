using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace PushAuth.Security;

/// <summary>
/// Checks TOTP codes against a window of ±<see cref="Window"/> time steps, in constant time per candidate,
/// without allocating (the key's HMAC pads are derived once per call and reused for each step). Replays are refused through the caller's last accepted step (RFC 6238 §5.2):
/// the caller persists the returned step and passes it back next time.
/// </summary>
public sealed class TotpVerifier
{
    /// <summary>The largest window accepted; wider windows weaken the code far more than they help clock drift.</summary>
    public const int MaxWindow = 10;

    /// <summary>Creates a verifier.</summary>
    /// <param name="parameters">The credential's algorithm, digits and period; <see cref="TotpParameters.Default"/> when null.</param>
    /// <param name="window">Steps accepted on each side of the current one: 1 (RFC 6238's network delay) by default, 0 for strict.</param>
    public TotpVerifier(TotpParameters? parameters = null, int window = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, MaxWindow);
        Parameters = parameters ?? TotpParameters.Default;
        Window = window;
    }

    /// <summary>The credential shape this verifier checks.</summary>
    public TotpParameters Parameters { get; }

    /// <summary>Steps accepted before and after the current one.</summary>
    public int Window { get; }

    /// <summary>
    /// Verifies <paramref name="code"/> at <paramref name="now"/>.
    /// Returns the matched time step, or <see langword="null"/> when the code is malformed, wrong, outside the window,
    /// or belongs to a step at or before <paramref name="lastAcceptedStep"/>. Never throws on bad input.
    /// </summary>
    public long? Verify(ReadOnlySpan<byte> key, ReadOnlySpan<char> code, DateTimeOffset now, long? lastAcceptedStep = null) =>
        VerifyAtStep(key, code, Totp.GetTimeStep(now, Parameters.Period), lastAcceptedStep);

    /// <summary>Verifies <paramref name="code"/> around an explicit current time step (see <see cref="Verify"/>).</summary>
    public long? VerifyAtStep(ReadOnlySpan<byte> key, ReadOnlySpan<char> code, long currentStep, long? lastAcceptedStep = null)
    {
        if (!TryParseCode(code, Parameters.Digits, out var expected))
        {
            return null;
        }

        var floor = Math.Max(0, lastAcceptedStep is { } last ? last + 1 : 0);
        if (currentStep + Window < floor)
        {
            return null;
        }

        var modulus = Parameters.Digits == 8 ? 100_000_000 : 1_000_000;
        Span<ulong> pads = stackalloc ulong[OtpHmac.PadWords];
        OtpHmac.Prepare(Parameters.Algorithm, key, pads);
        try
        {
            // Current step first, then the past, then the future: the common case costs one HMAC.
            for (var distance = 0; distance <= Window; distance++)
            {
                var step = currentStep - distance;
                if (step >= floor && Matches(OtpHmac.Truncate(Parameters.Algorithm, pads, step, modulus), expected))
                {
                    return step;
                }

                step = currentStep + distance;
                if (distance > 0 && step >= floor && Matches(OtpHmac.Truncate(Parameters.Algorithm, pads, step, modulus), expected))
                {
                    return step;
                }
            }

            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(pads));
        }
    }

    private static bool Matches(int actual, int expected) =>
        CryptographicOperations.FixedTimeEquals(
            MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in actual)),
            MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in expected)));

    private static bool TryParseCode(ReadOnlySpan<char> code, int digits, out int value)
    {
        value = 0;
        if (code.Length != digits)
        {
            return false;
        }

        foreach (var c in code)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = value * 10 + digit;
        }

        return true;
    }
}
