using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PushAuth.Samples.LoginPage;

/// <summary>Server-side sessions behind an HttpOnly, SameSite=Strict cookie of 32 random bytes; idle ones are dropped after an hour.</summary>
public sealed class LoginSessions(TimeProvider time)
{
    public const string CookieName = "pushauth_sample";
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, LoginSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>The caller's session, or a new one (and its cookie) when it has none.</summary>
    public LoginSession For(HttpContext http)
    {
        var now = time.GetUtcNow();
        foreach (var (id, stale) in _sessions.Where(p => now - p.Value.LastSeen > IdleLifetime).ToList())
        {
            _sessions.TryRemove(new KeyValuePair<string, LoginSession>(id, stale));
        }
        if (http.Request.Cookies.TryGetValue(CookieName, out var existing) && _sessions.TryGetValue(existing, out var found))
        {
            found.LastSeen = now;
            return found;
        }
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var session = new LoginSession { LastSeen = now };
        _sessions[token] = session;
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/", IsEssential = true,
        });
        return session;
    }

    /// <summary>Forgets the caller's session (sign out).</summary>
    public void End(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(CookieName, out var existing))
        {
            _sessions.TryRemove(existing, out _);
        }
        http.Response.Cookies.Delete(CookieName);
    }
}
