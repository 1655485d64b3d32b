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
            throw ProblemCodes.Requests.FieldInvalid.For(field).Error($"'{field}' must be 1-128 characters of letters, digits, '.', '_', '-', '@' or '+'.");
        }
        return value;
    }

    /// <summary>Tenant ids: an <see cref="Identifier"/> that does not start with '_', which marks reserved ids (<c>_devices</c>).</summary>
    public static string TenantId([NotNull] string? value, string field = "tenantId")
    {
        Identifier(value, field);
        if (value.StartsWith('_'))
        {
            throw ProblemCodes.Tenants.Reserved.Error($"'{field}' must not start with '_': those ids are reserved.");
        }
        return value;
    }

    /// <summary>Free text shown to people (service names, device names, what a phone shows before approving): trimmed,
    /// 1..max chars, no control, format (bidi overrides, zero-width characters), line or paragraph separator characters and
    /// no unpaired surrogate, so what is shown is what was sent.</summary>
    public static string Text(string? value, string field, int max = 200)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > max || !Displayable(trimmed))
        {
            throw ProblemCodes.Requests.FieldInvalid.For(field).Error(
                $"'{field}' must be 1-{max} characters without control, formatting (bidi, zero-width) or separator characters.");
        }
        return trimmed;
    }

    private static bool Displayable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || char.IsControl(c)
                || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                    or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Optional free text: null stays null, otherwise as <see cref="Text"/>.</summary>
    public static string? OptionalText(string? value, string field, int max = 200) => value is null ? null : Text(value, field, max);
}
