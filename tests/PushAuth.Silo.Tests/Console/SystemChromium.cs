using Microsoft.Playwright;

namespace PushAuth.Silo.Tests.Console;

/// <summary>
/// Debian's chromium, launched by path through Playwright (never a downloaded browser): <c>PUSHAUTH_CHROMIUM</c> or
/// <c>/usr/bin/chromium</c> (installed with apt-get on first use when missing). Screenshots go
/// to <c>PUSHAUTH_ARTIFACTS</c> (CI: <c>.ci/out/artifacts</c>) or else <c>artifacts/</c> under the test output directory.
/// </summary>
public static class SystemChromium
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("PUSHAUTH_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string ArtifactsDirectory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("PUSHAUTH_ARTIFACTS") is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "artifacts");
            var dir = Path.Combine(root, "console");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (Environment.GetEnvironmentVariable("PUSHAUTH_CHROMIUM") is not { Length: > 0 })
        {
            await PushAuth.Testing.DebianPackages.EnsureAsync(ExecutablePath, "chromium");
        }
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No chromium at {ExecutablePath}: run 'apt-get install -y chromium' (bash .ci/run does) or set PUSHAUTH_CHROMIUM.");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, name + ".png"), FullPage = true });

    /// <summary>Chromium's virtual authenticator on <paramref name="page"/> over CDP: a platform authenticator (CTAP2,
    /// internal transport) with resident keys and user verification, answering every WebAuthn prompt by itself.</summary>
    public static async Task<ICDPSession> VirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true, ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return cdp;
    }

    /// <summary>Settings of a silo for passkey tests in a browser: Development, where the console's origin is the request's
    /// own (<c>http://localhost:port</c>), since WebAuthn refuses the IP-address origin a test silo's public URL would name.</summary>
    public static Dictionary<string, string?> DevelopmentSilo => new() { ["environment"] = "Development" };

    /// <summary>The silo's address as <c>localhost</c>: WebAuthn refuses IP-address origins, and localhost is a secure context over http.</summary>
    public static string LocalhostBase(Uri siloAddress) => $"http://localhost:{siloAddress.Port}";

    /// <summary>A setup link issued without a request (it names the development origin) pointed at this silo.</summary>
    public static string OnSilo(string setupLink, Uri siloAddress) => LocalhostBase(siloAddress) + setupLink[setupLink.IndexOf("/console", StringComparison.Ordinal)..];
}
