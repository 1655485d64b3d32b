namespace PushAuth.Security;

/// <summary>
/// TOTP (RFC 6238) time steps and codes: T = floor((unix time - T0) / X) with T0 = 0, the code being
/// HOTP (RFC 4226) of T as computed by Otp.NET. The time is always passed in; nothing here reads the clock.
/// </summary>
public static class Totp
{
    /// <summary>The time step T that contains <paramref name="time"/>.</summary>
    public static long GetTimeStep(DateTimeOffset time, int period = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        return Math.DivRem(time.ToUnixTimeSeconds(), period, out var remainder) - (remainder < 0 ? 1 : 0);
    }

    /// <summary>The first instant of time step <paramref name="step"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The step starts outside <see cref="DateTimeOffset"/>'s range.</exception>
    /// <exception cref="OverflowException">The step's start in seconds does not fit a <see cref="long"/>.</exception>
    public static DateTimeOffset GetStepStart(long step, int period = 30) =>
        DateTimeOffset.FromUnixTimeSeconds(checked(step * period));

    /// <summary>The last time step that starts within <see cref="DateTimeOffset"/>'s range.</summary>
    internal static long MaxStep(int period) => DateTimeOffset.MaxValue.ToUnixTimeSeconds() / period;

    /// <summary>The code valid at <paramref name="time"/>, with leading zeros.</summary>
    public static string ComputeCode(ReadOnlySpan<byte> key, DateTimeOffset time, TotpParameters? parameters = null)
    {
        parameters ??= TotpParameters.Default;
        return ComputeCodeForStep(key, GetTimeStep(time, parameters.Period), parameters);
    }

    /// <summary>The code of time step <paramref name="step"/> (the HOTP of counter <paramref name="step"/>), with leading zeros.</summary>
    public static string ComputeCodeForStep(ReadOnlySpan<byte> key, long step, TotpParameters? parameters = null)
    {
        parameters ??= TotpParameters.Default;
        using var otpKey = new OtpKey(key);
        return otpKey.CreateHotp(parameters).ComputeHOTP(step);
    }
}
