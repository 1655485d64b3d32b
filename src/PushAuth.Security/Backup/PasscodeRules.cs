namespace PushAuth.Security.Backup;

/// <summary>
/// What a backup passcode must be: 4 to 32 digits (the seeds' "four digits or longer"). Checked on the device, because
/// the passcode never reaches the server in any form it could measure; see docs/backup.md.
/// </summary>
public static class PasscodeRules
{
    public const int MinDigits = 4;
    public const int MaxDigits = 32;

    /// <summary>The stable error code for an unacceptable passcode (<c>passcode.too-short</c>, <c>passcode.invalid</c>), or null.</summary>
    public static string? Problem(string? passcode) =>
        passcode is null || passcode.Length < MinDigits ? "passcode.too-short"
        : passcode.Length > MaxDigits || !passcode.All(char.IsAsciiDigit) ? "passcode.invalid"
        : null;

    /// <summary>Throws <see cref="ArgumentException"/> (message starts with the code) for an unacceptable passcode.</summary>
    public static void ThrowIfInvalid(string? passcode)
    {
        if (Problem(passcode) is { } code)
        {
            throw new ArgumentException(code == "passcode.too-short"
                ? $"{code}: the passcode must be at least {MinDigits} digits."
                : $"{code}: the passcode must be {MinDigits}-{MaxDigits} digits.", nameof(passcode));
        }
    }
}
