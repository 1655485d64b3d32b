using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PushAuth.Abstractions;
using PushAuth.Grains.Security;

namespace PushAuth.Silo.Auth;

/// <summary>
/// Console sessions: after a person signs in with their own device, a stateless HMAC token in a cookie
/// (<c>HttpOnly</c>, <c>SameSite=Strict</c>, <c>Secure</c> and the <c>__Host-</c> prefix over https). The token names the
/// tenant, the user, when they signed in (for high-assurance actions) and a random session id; the role is looked up on
/// every request from the tenant's console admins (cached 5 s), so a removed admin loses access within seconds, and a
/// sign-out ends every session issued before it. Requests that change anything carry <c>X-CSRF-Token</c>, an HMAC of the
/// session id that the page reads from <c>GET /console/api/session</c>.
/// </summary>
public sealed class ConsoleSessions(KeyMaterial keys, IGrainFactory grains, IOptions<ConsoleOptions> options, TimeProvider time)
{
    public const string CookieName = "pushauth-console";
    public const string SecureCookieName = "__Host-pushauth-console";
    public const string CsrfHeader = "X-CSRF-Token";
    private static readonly TimeSpan AdminsCacheLifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (ConsoleAdmins Admins, DateTimeOffset Until)> _admins = new(StringComparer.Ordinal);
    private byte[]? _key;

    /// <summary>Signs a session for <paramref name="userId"/> and sets its cookie.</summary>
    public async Task IssueAsync(HttpContext http, string tenantId, string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.SessionLifetime;
        var body = string.Join('.', "v1", Base64Url.EncodeToString(Encoding.UTF8.GetBytes(tenantId)), Base64Url.EncodeToString(Encoding.UTF8.GetBytes(userId)),
            now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
        var token = body + "." + await MacAsync("session", body, cancellationToken);
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
                throw PushAuthException.Forbidden("console.csrf-missing", $"A console request that changes something needs the {CsrfHeader} header.");
            }
            var expected = await CsrfTokenAsync(session.SessionId, cancellationToken);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(sent)))
            {
                throw PushAuthException.Forbidden("console.csrf-invalid", $"The {CsrfHeader} header does not match this session.");
            }
        }
        return session.Principal;
    }

    /// <summary>The session as the page sees it (with its CSRF token), or null.</summary>
    public async Task<(AdminPrincipal Principal, string CsrfToken, DateTimeOffset ExpiresAt)?> DescribeAsync(HttpContext http, CancellationToken cancellationToken) =>
        await ReadAsync(http, cancellationToken) is { } s ? (s.Principal, await CsrfTokenAsync(s.SessionId, cancellationToken), s.ExpiresAt) : null;

    /// <summary>Drops the cached admin list of a tenant (after this silo changed it).</summary>
    public void Forget(string tenantId) => _admins.TryRemove(tenantId, out _);

    /// <summary>The tenant's console admins, cached for 5 s.</summary>
    public async Task<ConsoleAdmins> AdminsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_admins.TryGetValue(tenantId, out var hit) && hit.Until > now)
        {
            return hit.Admins;
        }
        var admins = await grains.GetGrain<IConsoleAdminsGrain>(tenantId).GetAsync(cancellationToken).ConfigureAwait(false);
        if (_admins.Count > 10_000)
        {
            _admins.Clear();
        }
        _admins[tenantId] = (admins, now + AdminsCacheLifetime);
        return admins;
    }

    private async Task<(AdminPrincipal Principal, string SessionId, DateTimeOffset ExpiresAt)?> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var token = http.Request.Cookies[SecureCookieName] ?? (http.Request.IsHttps ? null : http.Request.Cookies[CookieName]);
        if (token is null || token.Length > 1024)
        {
            return null;
        }
        var parts = token.Split('.');
        if (parts.Length != 7 || parts[0] != "v1")
        {
            return null;
        }
        var body = token[..token.LastIndexOf('.')];
        var mac = await MacAsync("session", body, cancellationToken);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(mac), Encoding.ASCII.GetBytes(parts[6])))
        {
            return null;
        }
        if (!long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var signedInMs)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresSeconds))
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
        var userId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[2]));
        var admins = await AdminsAsync(tenantId, cancellationToken);
        if (admins.Find(userId) is not { } admin
            || (admins.SessionsNotBefore.TryGetValue(userId, out var notBefore) && signedIn <= notBefore))
        {
            return null;
        }
        return (new AdminPrincipal(tenantId, "console:" + userId, admin.Role, null, userId, signedIn), parts[5], expires);
    }

    private async Task<string> CsrfTokenAsync(string sessionId, CancellationToken cancellationToken) => await MacAsync("csrf", sessionId, cancellationToken);

    private async Task<string> MacAsync(string purpose, string body, CancellationToken cancellationToken)
    {
        // A key of its own, derived from the session key: a console MAC can never pass as a device token or the reverse.
        _key ??= HKDF.DeriveKey(HashAlgorithmName.SHA256, await keys.SessionKeyAsync(cancellationToken).ConfigureAwait(false), 32, info: "pushauth/console-session"u8.ToArray());
        return Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n" + body)));
    }
}
