using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PushAuth.Abstractions;

namespace PushAuth.Silo.Auth;

/// <summary>
/// Console sessions: after an admin signs in with a passkey, a stateless HMAC token in a cookie (<c>HttpOnly</c>,
/// <c>SameSite=Strict</c>, <c>Secure</c> and the <c>__Host-</c> prefix over https). The token names the tenant, the admin,
/// when they signed in, when they last asserted a passkey (for high-assurance actions) and a random session id; the
/// role is looked up on every request from the tenant's admin directory (cached 5 s), so a removed admin or a changed
/// role ends the session within seconds, and a sign-out ends every session issued before it. Requests that change
/// anything carry <c>X-CSRF-Token</c>, a MAC of the session id that the page reads from <c>GET /console/api/session</c>.
/// </summary>
public sealed class ConsoleSessions(ConsoleMac mac, IConsoleDirectory directory, IOptions<ConsoleOptions> options, TimeProvider time)
{
    public const string CookieName = "pushauth-console";
    public const string SecureCookieName = "__Host-pushauth-console";
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>Signs a new session for <paramref name="adminId"/>, who just asserted a passkey, and sets its cookie.</summary>
    public Task IssueAsync(HttpContext http, string tenantId, string adminId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return WriteAsync(http, tenantId, adminId, now, now, now + options.Value.SessionLifetime, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), cancellationToken);
    }

    /// <summary>Re-signs the current session after a step-up: same session (and CSRF token), a new assertion time.</summary>
    public async Task SteppedUpAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (await ReadAsync(http, cancellationToken) is { } s)
        {
            await WriteAsync(http, s.Principal.TenantId, s.Principal.ConsoleAdminId!, s.Principal.SignedInAt!.Value, time.GetUtcNow(), s.ExpiresAt, s.SessionId, cancellationToken);
        }
    }

    /// <summary>Clears the cookie.</summary>
    public static void Clear(HttpContext http) =>
        http.Response.Cookies.Delete(http.Request.IsHttps ? SecureCookieName : CookieName, new CookieOptions { Path = "/", Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, HttpOnly = true });

    /// <summary>The signed-in admin, or null without a valid session. A request that changes anything must carry the
    /// session's CSRF token: a missing or wrong one is a 403.</summary>
    public async Task<AdminPrincipal?> AuthenticateAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (await ReadAsync(http, cancellationToken) is not { } session)
        {
            return null;
        }
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            var sent = http.Request.Headers[CsrfHeader].ToString();
            if (sent.Length == 0)
            {
                throw ProblemCodes.Console.CsrfMissing.Error($"A console request that changes something needs the {CsrfHeader} header.");
            }
            if (!await mac.VerifyAsync("csrf", session.SessionId, sent, cancellationToken))
            {
                throw ProblemCodes.Console.CsrfInvalid.Error($"The {CsrfHeader} header does not match this session.");
            }
        }
        return session.Principal;
    }

    /// <summary>The session as the page sees it (with its CSRF token), or null.</summary>
    public async Task<(AdminPrincipal Principal, string CsrfToken, DateTimeOffset ExpiresAt)?> DescribeAsync(HttpContext http, CancellationToken cancellationToken) =>
        await ReadAsync(http, cancellationToken) is { } s ? (s.Principal, await mac.ComputeAsync("csrf", s.SessionId, cancellationToken), s.ExpiresAt) : null;

    /// <summary>Drops the cached admin directory of a tenant (after this silo changed it).</summary>
    public void Forget(string tenantId) => directory.Forget(tenantId);

    /// <summary>The tenant's admin directory, at most 5 s old.</summary>
    public Task<ConsoleAdmins> AdminsAsync(string tenantId, CancellationToken cancellationToken) => directory.GetAsync(tenantId, cancellationToken);

    private async Task WriteAsync(HttpContext http, string tenantId, string adminId, DateTimeOffset signedIn, DateTimeOffset asserted, DateTimeOffset expires, string sessionId,
        CancellationToken cancellationToken)
    {
        var body = string.Join('.', "v2", Base64Url.EncodeToString(Encoding.UTF8.GetBytes(tenantId)), Base64Url.EncodeToString(Encoding.UTF8.GetBytes(adminId)),
            signedIn.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), asserted.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), sessionId);
        var token = body + "." + await mac.ComputeAsync("session", body, cancellationToken);
        var https = http.Request.IsHttps;
        http.Response.Cookies.Append(https ? SecureCookieName : CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = https,
            Path = "/",
            Expires = expires,
            IsEssential = true,
        });
        Forget(tenantId);
    }

    private async Task<(AdminPrincipal Principal, string SessionId, DateTimeOffset ExpiresAt)?> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var token = http.Request.Cookies[SecureCookieName] ?? (http.Request.IsHttps ? null : http.Request.Cookies[CookieName]);
        if (token is null || token.Length > 1024)
        {
            return null;
        }
        var parts = token.Split('.');
        if (parts.Length != 8 || parts[0] != "v2" || !await mac.VerifyAsync("session", token[..token.LastIndexOf('.')], parts[7], cancellationToken))
        {
            return null;
        }
        if (!long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var signedInMs)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var assertedMs)
            || !long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresSeconds))
        {
            return null;
        }
        var expires = DateTimeOffset.FromUnixTimeSeconds(expiresSeconds);
        var signedIn = DateTimeOffset.FromUnixTimeMilliseconds(signedInMs);
        if (expires <= time.GetUtcNow())
        {
            return null;
        }
        var tenantId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));
        var adminId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[2]));
        var admins = await AdminsAsync(tenantId, cancellationToken);
        if (admins.Find(adminId) is not { } admin || (admin.SessionsNotBefore is { } notBefore && signedIn <= notBefore))
        {
            return null;
        }
        return (new AdminPrincipal(tenantId, ConsoleActor.Of(adminId), admin.Role, null, adminId, signedIn, DateTimeOffset.FromUnixTimeMilliseconds(assertedMs), admin.DisplayName),
            parts[6], expires);
    }
}
