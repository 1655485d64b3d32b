using System.Diagnostics.CodeAnalysis;

namespace PushAuth.Abstractions;

/// <summary>Input checks shared by endpoints and grains; each failure is a 400 with a stable code.</summary>
public static class Validate
{
    /// <summary>Identifiers (tenant ids, user ids): 1-128 chars of letters, digits and <c>. _ - @ +</c>.</summary>
    public static string Identifier([NotNull] string? value, string field)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+'))
        {
            throw PushAuthException.Invalid($"{field}.invalid", $"'{field}' must be 1-128 characters of letters, digits, '.', '_', '-', '@' or '+'.");
        }
        return value;
    }

    /// <summary>Free text shown to people (service names, device names): trimmed, 1..max chars, no control characters.</summary>
    public static string Text(string? value, string field, int max = 200)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > max || trimmed.Any(char.IsControl))
        {
            throw PushAuthException.Invalid($"{field}.invalid", $"'{field}' must be 1-{max} characters without control characters.");
        }
        return trimmed;
    }

    /// <summary>Optional free text: null stays null, otherwise as <see cref="Text"/>.</summary>
    public static string? OptionalText(string? value, string field, int max = 200) => value is null ? null : Text(value, field, max);
}
