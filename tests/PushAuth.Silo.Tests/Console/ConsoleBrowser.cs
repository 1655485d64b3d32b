using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace PushAuth.Silo.Tests.Console;

/// <summary>One Debian chromium for every console browser test of a class (launching one costs seconds); each test
/// opens its own contexts, so cookies and virtual authenticators never cross.</summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public static readonly ViewportSize Wide = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync() => (_playwright, Browser) = await SystemChromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A page of a new context (its own cookies) on the silo's localhost address, with its own virtual
    /// authenticator, collecting console errors (a Content-Security-Policy violation is one).</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(Uri silo)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = SystemChromium.LocalhostBase(silo), ViewportSize = Wide, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await SystemChromium.VirtualAuthenticatorAsync(page);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    /// <summary>The page as it is now, once loaded: a screenshot at 1280 and at 390 px wide, and axe-core (WCAG 2.2 AA
    /// and best practices) with zero violations at both widths.</summary>
    public static async Task CaptureAsync(IPage page, string name)
    {
        foreach (var (viewport, suffix) in new[] { (Wide, "1280"), (Phone, "390") })
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            await Expect(page.Locator("[aria-busy='true']")).ToHaveCountAsync(0);
            await SystemChromium.ScreenshotAsync(page, $"{name}-{suffix}");
            // A value the page forgot to format would show as a word of its own.
            Assert.DoesNotMatch(@"\b(null|undefined|NaN|\[object Object\])\b", await page.Locator("body").InnerTextAsync());
            var result = await page.RunAxe();
            Assert.True(result.Violations.Length == 0, $"{name} at {suffix} px: " + string.Join("\n", result.Violations.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString() + " " + n.Html))}")));
        }
        await page.SetViewportSizeAsync(Wide.Width, Wide.Height);
    }
}
