using OtpNet;

namespace PushAuth.Security;

/// <summary>
/// Checks TOTP codes against a window of ±<see cref="Window"/> time steps with Otp.NET's
/// <see cref="OtpNet.Totp.VerifyTotp(DateTime, string, out long, VerificationWindow)"/>, which compares each
/// candidate in constant time. Replays are refused through the caller's last accepted step (RFC 6238 §5.2):
/// the caller persists the returned step and passes it back next time. The time is always passed in.
/// </summary>
public sealed class TotpVerifier
{
    /// <summary>The widest window accepted (tenant settings allow 0..2); wider windows weaken the code far more than they help clock drift.</summary>
    public const int MaxWindow = 2;

    /// <summary>Creates a verifier.</summary>
    /// <param name="parameters">The credential's algorithm, digits and period; <see cref="TotpParameters.Default"/> when null.</param>
    /// <param name="window">Steps accepted on each side of the current one: 1 (RFC 6238's network delay) by default, 0 for strict.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is outside 0..<see cref="MaxWindow"/>.</exception>
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

    /// <summary>
    /// Verifies <paramref name="code"/> around an explicit current time step (see <see cref="Verify"/>).
    /// Steps before 0, and steps that start after <see cref="DateTimeOffset.MaxValue"/>, are never accepted.
    /// </summary>
    public long? VerifyAtStep(ReadOnlySpan<byte> key, ReadOnlySpan<char> code, long currentStep, long? lastAcceptedStep = null)
    {
        if (!IsWellFormed(code, Parameters.Digits) || currentStep < -Window || currentStep > Totp.MaxStep(Parameters.Period))
        {
            return null;
        }

        var last = currentStep + Window;
        if (lastAcceptedStep >= last)
        {
            return null;
        }

        // Otp.NET tries its initial step, then `previous` steps back, then `future` steps ahead, and reports the match.
        // The steps it may try are cut to [first, last] so that a replayed step is never even compared.
        var first = Math.Max(Math.Max(0, lastAcceptedStep + 1 ?? 0), currentStep - Window);
        var initial = Math.Max(first, currentStep);
        if (initial > Totp.MaxStep(Parameters.Period))
        {
            return null;
        }

        var window = new VerificationWindow(previous: (int)(initial - first), future: (int)(last - initial));
        using var otpKey = new OtpKey(key);
        var stepStart = Totp.GetStepStart(initial, Parameters.Period).UtcDateTime;
        return otpKey.CreateTotp(Parameters).VerifyTotp(stepStart, code.ToString(), out var matched, window) ? matched : null;
    }

    private static bool IsWellFormed(ReadOnlySpan<char> code, int digits)
    {
        if (code.Length != digits)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
