using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PushAuth.Abstractions;
using PushAuth.Oidc.Hosting;
using PushAuth.Oidc.Protocol;

namespace PushAuth.Oidc.Endpoints;

/// <summary>
/// CIBA's backchannel authentication endpoint (CIBA Core 1.0 §7, poll mode). OpenIddict has no CIBA, so this is the
/// smallest layer on top of it: authenticate the client as the token endpoint does, take <c>login_hint</c>,
/// <c>binding_message</c> and <c>requested_expiry</c>, send the same push challenge as the REST API (number matching,
/// limits, fatigue rules, history), and answer <c>auth_req_id</c>, <c>expires_in</c> and <c>interval</c>. The token
/// endpoint then answers the CIBA grant (<see cref="TokenEndpoint"/>).
/// </summary>
internal static class BackchannelEndpoint
{
    /// <summary>At most this many characters of binding message: it has to fit on a phone's notification.</summary>
    public const int MaxBindingMessage = 64;

    public static async Task<IResult> HandleAsync(HttpContext http, IGrainFactory grains, IOptions<OidcOptions> options, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!http.Request.HasFormContentType)
        {
            return Error(400, "invalid_request", "The request must be application/x-www-form-urlencoded.");
        }
        var form = await http.Request.ReadFormAsync(ct);
        var tenant = OidcTenant.From(http);
        var (clientId, secret) = Credentials(http, form);
        if (clientId is not { Length: > 0 and <= 64 } || secret is not { Length: > 0 and <= 200 })
        {
            return Error(401, "invalid_client", "Client authentication is required (client_secret_basic or client_secret_post).");
        }
        var client = await grains.GetGrain<IOidcClientsGrain>(tenant.TenantId).AuthenticateAsync(clientId, secret, ct);
        if (client is null)
        {
            return Error(401, "invalid_client", "Unknown client or wrong secret for this issuer.");
        }
        if (!client.Flows.HasFlag(OidcFlows.Ciba))
        {
            return Error(400, "unauthorized_client", "This client is not allowed CIBA.");
        }
        var scopes = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains("openid", StringComparer.Ordinal))
        {
            return Error(400, "invalid_scope", "The openid scope is required.");
        }
        if (form.ContainsKey("login_hint_token") || form.ContainsKey("id_token_hint"))
        {
            return Error(400, "invalid_request", "Name the user with login_hint only.");
        }
        var userId = form["login_hint"].ToString();
        if (!ValidatePushedRequest.IsUserId(userId))
        {
            return Error(400, "invalid_request", "login_hint must name the user (1..128 characters: letters, digits, and . _ @ + -).");
        }
        var binding = form[CibaGrant.BindingMessage].ToString();
        if (binding.Length > MaxBindingMessage || binding.Any(char.IsControl))
        {
            return Error(400, "invalid_binding_message", $"binding_message must be at most {MaxBindingMessage} printable characters.");
        }
        int? expiry = null;
        if (form.TryGetValue(CibaGrant.RequestedExpiry, out var requested))
        {
            if (!int.TryParse(requested, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds is < 10 or > 600)
            {
                return Error(400, "invalid_request", "requested_expiry must be 10..600 seconds.");
            }
            expiry = seconds;
        }
        var authRequestId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var interval = (int)options.Value.CibaInterval.TotalSeconds;
        OidcAuthentication started;
        try
        {
            started = await grains.GetGrain<ICibaRequestGrain>(OidcKeys.Ciba(tenant.TenantId, authRequestId)).StartAsync(tenant.TenantId, client.ClientId, userId, scopes,
                new ChallengeContext(client.Name, "Sign in", RequestedAt: DateTimeOffset.UtcNow, BindingMessage: binding.Length > 0 ? binding : null),
                expiry ?? (int)tenant.Settings.ChallengeTtl().TotalSeconds, interval, OidcOrigin.Of(http), ct);
        }
        catch (PushAuthException ex) when (ex.Kind is not ErrorKind.Unavailable)
        {
            // No usable device, a push block or the user's push limit: the same refusals as the REST API, told the CIBA way
            // (CIBA Core 1.0 §13: access_denied is 403).
            return Error(403, "access_denied", $"{ex.Message} ({ex.Code})");
        }
        return Results.Json(new Dictionary<string, object?>
        {
            ["auth_req_id"] = authRequestId,
            ["expires_in"] = Math.Max(1, (int)Math.Round((started.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds)),
            ["interval"] = interval,
            // With number matching the user types this number on the phone: the caller shows it beside the binding message.
            ["number_match"] = started.NumberMatch,
        });
    }

    private static (string? ClientId, string? Secret) Credentials(HttpContext http, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header) && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (null, null) : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}
