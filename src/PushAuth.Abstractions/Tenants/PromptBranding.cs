namespace PushAuth.Abstractions;

/// <summary>How the hosted OIDC prompt looks for a tenant: an optional logo (https) and accent colour (<c>#rrggbb</c>);
/// the page picks black or white text on the accent so the contrast stays at WCAG AA.</summary>
[GenerateSerializer, Immutable, Alias("pa.PromptBranding")]
public sealed record PromptBranding(string? LogoUrl = null, string? AccentColor = null)
{
    public PromptBranding Validated()
    {
        if (LogoUrl is not null && !(LogoUrl.Length <= 500 && Uri.TryCreate(LogoUrl, UriKind.Absolute, out var logo) && logo.Scheme == Uri.UriSchemeHttps))
        {
            throw ProblemCodes.Tenants.BrandingLogo.Error("branding.logoUrl must be an absolute https URL of at most 500 characters.");
        }
        if (AccentColor is not null && !(AccentColor.Length == 7 && AccentColor[0] == '#' && AccentColor.AsSpan(1).ContainsAnyExcept("0123456789abcdefABCDEF") is false))
        {
            throw ProblemCodes.Tenants.BrandingColor.Error("branding.accentColor must be #rrggbb.");
        }
        return this;
    }
}
