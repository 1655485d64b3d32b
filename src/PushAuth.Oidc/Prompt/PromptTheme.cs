using System.Globalization;
using PushAuth.Abstractions;

namespace PushAuth.Oidc.Prompt;

/// <summary>The tenant's accent colour as a stylesheet, with black or white text on it, whichever contrasts more (WCAG
/// relative luminance), so a light brand colour never leaves white text below AA.</summary>
public static class PromptTheme
{
    public static string Css(PromptBranding? branding)
    {
        if (branding?.AccentColor is not { } accent)
        {
            return "";
        }
        var on = Contrast(accent, "#ffffff") >= Contrast(accent, "#000000") ? "#ffffff" : "#000000";
        return $":root {{ --brand: {accent}; --on-brand: {on}; }}\n";
    }

    /// <summary>WCAG 2 contrast ratio of two #rrggbb colours.</summary>
    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
    }
}
