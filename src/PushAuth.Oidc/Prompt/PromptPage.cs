using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using PushAuth.Abstractions;
using PushAuth.Oidc.Hosting;

namespace PushAuth.Oidc.Prompt;

/// <summary>Renders the prompt page: the template with every value HTML-encoded, under a strict CSP (no inline script or
/// style, no framing, forms only to ourselves and the client's redirect URI).</summary>
internal static class PromptPage
{
    public static IResult Render(HttpContext http, OidcTenant tenant, OidcClient client, string handle, string requestUri, OidcAuthentication state, PreCheck check)
    {
        var issuer = http.Request.PathBase.Value!.TrimEnd('/') + "/";
        var mode = !check.Enrolled ? "enroll" : check.Push.Usable ? "push" : "code";
        var e = HtmlEncoder.Default;
        var logo = tenant.Settings.Branding?.LogoUrl is { } url ? $"<img src=\"{e.Encode(url)}\" alt=\"{e.Encode(tenant.Settings.DisplayName)}\">" : "";
        var html = PromptAssets.Template
            .Replace("{{base}}", e.Encode(issuer), StringComparison.Ordinal)
            .Replace("{{handle}}", e.Encode(handle), StringComparison.Ordinal)
            .Replace("{{mode}}", mode, StringComparison.Ordinal)
            .Replace("{{status}}", state.Status.ToString(), StringComparison.Ordinal)
            .Replace("{{number}}", e.Encode(state.NumberMatch ?? ""), StringComparison.Ordinal)
            .Replace("{{logo}}", logo, StringComparison.Ordinal)
            .Replace("{{tenant}}", e.Encode(tenant.Settings.DisplayName), StringComparison.Ordinal)
            .Replace("{{client}}", e.Encode(client.Name), StringComparison.Ordinal)
            .Replace("{{user}}", e.Encode(state.UserId), StringComparison.Ordinal)
            .Replace("{{clientId}}", e.Encode(client.ClientId), StringComparison.Ordinal)
            .Replace("{{requestUri}}", e.Encode(requestUri), StringComparison.Ordinal);
        var redirectOrigins = string.Join(' ', client.RedirectUris.Select(u => new Uri(u).GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.Ordinal));
        Secure(http.Response, $"form-action 'self' {redirectOrigins}");
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The headers of every prompt response.</summary>
    public static void Secure(HttpResponse response, string formAction = "form-action 'self'")
    {
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; connect-src 'self'; {formAction}; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }
}
