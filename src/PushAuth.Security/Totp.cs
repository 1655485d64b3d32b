namespace PushAuth.Security;

/// <summary>TOTP (RFC 6238): HOTP with the counter T = floor((unix time - T0) / X), T0 = 0.</summary>
public static class Totp
{
    /// <summary>The time step T that contains <paramref name="time"/>.</summary>
    public static long GetTimeStep(DateTimeOffset time, int period = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        return Math.DivRem(time.ToUnixTimeSeconds(), period, out var remainder) - (remainder < 0 ? 1 : 0);
    }

    /// <summary>The first instant of time step <paramref name="step"/>.</summary>
    public static DateTimeOffset GetStepStart(long step, int period = 30) =>
        DateTimeOffset.FromUnixTimeSeconds(checked(step * period));

    /// <summary>The code valid at <paramref name="time"/>, with leading zeros.</summary>
    public static string ComputeCode(ReadOnlySpan<byte> key, DateTimeOffset time, TotpParameters? parameters = null)
    {
        parameters ??= TotpParameters.Default;
        return ComputeCodeForStep(key, GetTimeStep(time, parameters.Period), parameters);
    }

    /// <summary>The code of time step <paramref name="step"/>, with leading zeros.</summary>
    public static string ComputeCodeForStep(ReadOnlySpan<byte> key, long step, TotpParameters? parameters = null)
    {
        parameters ??= TotpParameters.Default;
        return Hotp.ComputeCode(key, step, parameters.Digits, parameters.Algorithm);
    }
}
