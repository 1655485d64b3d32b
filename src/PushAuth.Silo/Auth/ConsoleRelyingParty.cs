using Microsoft.Extensions.Options;

namespace PushAuth.Silo.Auth;

/// <summary>
/// Where the console lives as browsers see it: the origin passkeys are bound to (WebAuthn checks it in every ceremony),
/// its relying-party id, and the base of setup links. The one place that decides it: <c>PushAuth:Console:Origin</c>, else
/// the origin of <c>PushAuth:Silo:PublicUrl</c>; in Development and Testing only, the request's own (or, for a command
/// with no request, the development port).
/// </summary>
public sealed class ConsoleRelyingParty(IOptions<ConsoleOptions> console, IOptions<SiloOptions> silo, IHostEnvironment environment)
{
    /// <summary>The development port of <c>Properties/launchSettings.json</c>, for links printed by a command in Development.</summary>
    public const string DevelopmentOrigin = "http://localhost:5080";

    /// <summary>The origin and relying-party id for a request (or a command, with <paramref name="http"/> null).</summary>
    public (string Origin, string RelyingPartyId) Resolve(HttpContext? http)
    {
        var origin = console.Value.Origin is { } configured ? OriginOf(configured)
            : silo.Value.PublicUrl is { } publicUrl ? OriginOf(publicUrl)
            : !(environment.IsDevelopment() || environment.IsEnvironment("Testing"))
                ? throw ProblemCodes.Console.OriginNotConfigured.Error("The console's origin is not configured: set PushAuth:Silo:PublicUrl (or PushAuth:Console:Origin).")
            : http is null ? DevelopmentOrigin
            : $"{http.Request.Scheme}://{http.Request.Host}";
        return (origin, console.Value.RelyingPartyId ?? new Uri(origin).Host);
    }

    /// <summary>The one-time setup link of an invitation: the token rides in the fragment, which browsers never send.</summary>
    public string SetupLink(HttpContext? http, string tenantId, string token) =>
        $"{Resolve(http).Origin}/console#setup&tenant={Uri.EscapeDataString(tenantId)}&token={Uri.EscapeDataString(token)}";

    private static string OriginOf(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);
}
