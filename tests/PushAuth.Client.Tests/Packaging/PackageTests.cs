using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.Silo.Tests.Infrastructure;

namespace PushAuth.Client.Tests.Packaging;

/// <summary>
/// The package as an integrator gets it (issue 17 item 4): <c>dotnet pack</c> of src/PushAuth.Client, then a fresh console
/// project outside the repository whose only package source is the folder the package went to, <c>dotnet add package</c>,
/// and <c>dotnet run</c> of a program that pairs a phone and approves a sign-in against a real silo.
/// </summary>
public sealed partial class PackageTests
{
    // A bound on a hung child process, not the expected time (35 to 50 s on two loaded cores: pack, restore, build and run).
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Pack_InstalledInAFreshProject_ApprovesASignInOnARealSilo()
    {
        using var budget = new CancellationTokenSource(Budget);
        var root = Directory.CreateTempSubdirectory("pushauth-package-").FullName;
        var feed = Path.Combine(root, "feed");
        var app = Directory.CreateDirectory(Path.Combine(root, "app")).FullName;
        var environment = new Dictionary<string, string?>
        {
            // The package cache of this test alone: what the app restores is the package just packed.
            ["NUGET_PACKAGES"] = Path.Combine(root, "packages"),
            ["CI"] = "true",
        };
        // The build output goes under the test's folder (--artifacts-path): the repository's bin and obj stay as they are.
        // The pack runs while the silo starts.
        var pack = Dotnet.RunAsync(["pack", Repository.Path("src", "PushAuth.Client", "PushAuth.Client.csproj"), "-c", "Release", "-o", feed,
            "--artifacts-path", Path.Combine(root, "artifacts")], root, environment, budget.Token);
        try
        {
            await using var silo = await SiloTestHost.StartSqliteAsync();
            var loginKey = await LoginServiceKeyAsync(silo);

            var packed = await pack;
            Assert.True(packed.Exit == 0, packed.Output);
            Assert.DoesNotMatch(WarningLine(), packed.Output);
            var version = PackageMetadataIsComplete(feed);

            FreshConsoleProject.Write(app, feed, Path.Combine(root, "packages"));
            var added = await Dotnet.RunAsync(["add", "package", "PushAuth.Client", "--version", version], app, environment, budget.Token);
            Assert.True(added.Exit == 0, added.Output);
            var run = await Dotnet.RunAsync(["run", "--", silo.BaseAddress.ToString(), loginKey], app, environment, budget.Token);

            Assert.True(run.Exit == 0, run.Output);
            var match = Regex.Match(run.Output, @"^challenge (?<id>\S+) Approved$", RegexOptions.Multiline);
            Assert.True(match.Success, run.Output);
            // The silo's own record, read without the package.
            using var http = new HttpClient { BaseAddress = silo.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", loginKey);
            var stored = await http.GetFromJsonAsync<JsonElement>($"/v1/challenges/{match.Groups["id"].Value}", budget.Token);
            Assert.Equal("Approved", stored.GetProperty("status").GetString());
            Assert.Contains(Directory.GetFiles(Path.Combine(root, "packages", "pushauth.client", version)), f => f.EndsWith(".nupkg", StringComparison.Ordinal));
        }
        finally
        {
            // Never leave the pack running (a silo that failed to start): it ends, or the budget kills it.
            await Task.WhenAny(pack);
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Checks what NuGet shows and what a debugger needs; returns the version.</summary>
    private static string PackageMetadataIsComplete(string feed)
    {
        var nupkg = Assert.Single(Directory.GetFiles(feed, "PushAuth.Client.*.nupkg"));
        using var package = ZipFile.OpenRead(nupkg);
        var entries = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/PushAuth.Client.dll", entries);
        Assert.Contains("lib/net10.0/PushAuth.Client.xml", entries);
        Assert.Contains("README.md", entries);
        using var nuspecStream = package.GetEntry("PushAuth.Client.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.GetDefaultNamespace();
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("PushAuth.Client", metadata.Element(ns + "id")!.Value);
        Assert.Equal(("expression", "MIT"), ((string?)metadata.Element(ns + "license")!.Attribute("type"), metadata.Element(ns + "license")!.Value));
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));
        // The commit the package was built from (SourceLink's source control information).
        Assert.Matches("^[0-9a-f]{40}$", (string?)metadata.Element(ns + "repository")?.Attribute("commit") ?? "");
        // Nothing but the framework: a login service or an app takes no server dependency (Orleans, NSec) with it.
        Assert.Empty(metadata.Descendants(ns + "dependency"));

        var snupkg = Assert.Single(Directory.GetFiles(feed, "PushAuth.Client.*.snupkg"));
        using var symbols = ZipFile.OpenRead(snupkg);
        Assert.Contains("lib/net10.0/PushAuth.Client.pdb", symbols.Entries.Select(e => e.FullName));
        return metadata.Element(ns + "version")!.Value;
    }

    private static async Task<string> LoginServiceKeyAsync(SiloTestHost silo)
    {
        var keys = await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>("acme").CreateAsync("Acme", RequestOrigin.Internal);
        return keys.Single(k => k.Role == ApiKeyRole.LoginService).Key;
    }

    [GeneratedRegex(@": warning [A-Z]+\d+", RegexOptions.IgnoreCase)]
    private static partial Regex WarningLine();
}
