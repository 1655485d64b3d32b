using System.Diagnostics.CodeAnalysis;

namespace PushAuth.Domain.Backup;

/// <summary>
/// Normalizes the address a device wants verified, so one mailbox or number is one contact: emails trimmed and lowercased
/// (providers treat the local part case-insensitively in practice), numbers in E.164 (separators removed). Also the
/// masked form kept and shown (<c>a***@example.com</c>, <c>*******4567</c>).
/// </summary>
public static class ContactAddress
{
    public const string Email = "email";
    public const string Sms = "sms";

    /// <summary>The normalized address; false (with the field's error code) when it cannot be one.</summary>
    public static bool TryNormalize(string? channel, string? address, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        error = null;
        var trimmed = address?.Trim() ?? "";
        switch (channel)
        {
            case Email:
                var lower = trimmed.ToLowerInvariant();
                var at = lower.LastIndexOf('@');
                if (lower.Length is < 3 or > 254 || at < 1 || at > 64 || lower.IndexOf('@') != at || at == lower.Length - 1
                    || !lower[(at + 1)..].Contains('.', StringComparison.Ordinal) || lower.EndsWith('.') || lower[at + 1] == '.'
                    || lower.Any(c => c <= ' ' || c == 0x7f || c is '<' or '>' or '(' or ')' or '[' or ']' or ',' or ';' or ':' or '\\' or '"'))
                {
                    error = "address.invalid";
                    return false;
                }
                normalized = lower;
                return true;
            case Sms:
                var digits = new string([.. trimmed.Where(c => c is not (' ' or '-' or '.' or '(' or ')'))]);
                if (digits.StartsWith("00", StringComparison.Ordinal))
                {
                    digits = "+" + digits[2..];
                }
                if (digits.Length is < 9 or > 16 || digits[0] != '+' || digits[1] == '0' || digits.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
                {
                    error = "address.invalid";
                    return false;
                }
                normalized = digits;
                return true;
            default:
                error = "channel.invalid";
                return false;
        }
    }

    /// <summary>What may be shown and stored: the first character and the domain of an email, the last four digits of a number.</summary>
    public static string Mask(string channel, string normalized) => channel == Email
        ? normalized[0] + "***" + normalized[normalized.LastIndexOf('@')..]
        : new string('*', normalized.Length - 4) + normalized[^4..];
}
