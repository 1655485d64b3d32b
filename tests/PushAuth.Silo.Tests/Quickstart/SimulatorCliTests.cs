using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Bootstrap;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Quickstart;

/// <summary>The simulator's command line as the README's quickstart uses it (issue 12 item 20), in process against a real silo.</summary>
public sealed class SimulatorCliTests
{
    private sealed class Phone(Uri server)
    {
        public string State { get; } = Path.Combine(Path.GetTempPath(), "pushauth-cli-" + Guid.NewGuid().ToString("N"));

        public async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await SimulatorCli.RunAsync([.. args, "--server", server.ToString(), "--state", State], output, error, new StringReader(""));
            return (exit, output.ToString(), error.ToString());
        }
    }

    private static async Task<Phone> RegisteredAsync(Scenario s)
    {
        var phone = new Phone(s.Silos[0].BaseAddress);
        var registered = await phone.RunAsync("register");
        Assert.True(registered.Exit == 0, registered.Error);
        return phone;
    }

    private static void AssertOneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got: {text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PairPhrase_ClaimedThenConfirm_PairsOnceAndSecondConfirmExitsOne()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await RegisteredAsync(s);

        var shown = await phone.RunAsync("pair-phrase");
        Assert.Equal(0, shown.Exit);
        var phrase = shown.Output.Trim();
        Assert.Equal(4, phrase.Split(PairingPhrase.Separator).Length);
        using (var claim = await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Acme Login" }))
        {
            Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        }

        var confirmed = await phone.RunAsync("confirm");
        Assert.True(confirmed.Exit == 0, confirmed.Error);
        Assert.Contains("Acme Login (", confirmed.Output, StringComparison.Ordinal);
        Assert.Contains("asks to connect account 'alice'", confirmed.Output, StringComparison.Ordinal);
        Assert.Contains("paired: account 'alice'", confirmed.Output, StringComparison.Ordinal);
        var methods = await s.Login.GetFromJsonAsync<JsonElement>("/v1/users/alice/methods");
        Assert.Single(methods.EnumerateArray(), m => m.GetProperty("kind").GetString() == "push");

        var again = await phone.RunAsync("confirm");
        Assert.Equal(1, again.Exit);
        AssertOneLine(again.Error);
    }

    [Fact]
    public async Task Confirm_NobodyClaimed_ExitsOneWithOneLine()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await RegisteredAsync(s);
        Assert.Equal(0, (await phone.RunAsync("pair-phrase")).Exit);

        var confirmed = await phone.RunAsync("confirm", "--wait", "1");

        Assert.Equal(1, confirmed.Exit);
        Assert.StartsWith("pairing.not-claimed", confirmed.Error, StringComparison.Ordinal);
        AssertOneLine(confirmed.Error);
    }

    [Fact]
    public async Task Approve_WithTheNumberFromTheChallenge_Approves_WithoutNumber_ExitsTwo()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await RegisteredAsync(s);
        var phrase = (await phone.RunAsync("pair-phrase")).Output.Trim();
        (await s.Login.PostAsJsonAsync("/v1/pairings", new { phrase, userId = "alice", serviceName = "Acme Login" })).Dispose();
        Assert.Equal(0, (await phone.RunAsync("confirm")).Exit);
        var challenge = await s.CreateChallengeAsync("alice");
        var id = challenge.GetProperty("challengeId").GetString()!;
        var number = challenge.GetProperty("numberMatch").GetString()!;

        var pulled = await phone.RunAsync("pull");
        var missing = await phone.RunAsync("approve", id);
        var approved = await phone.RunAsync("approve", id, number);

        Assert.Contains(id, pulled.Output, StringComparison.Ordinal);
        Assert.Contains("number required: True", pulled.Output, StringComparison.Ordinal);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("number the login page shows", missing.Error, StringComparison.Ordinal);
        Assert.True(approved.Exit == 0, approved.Error);
        var status = await s.Login.GetFromJsonAsync<JsonElement>($"/v1/challenges/{id}?wait=5");
        Assert.Equal("Approved", status.GetProperty("status").GetString());
        var gone = await phone.RunAsync("approve", id, number);
        Assert.Equal(1, gone.Exit);
        AssertOneLine(gone.Error);
    }

    [Fact]
    public async Task HttpError_ExitsOneWithOneProblemLine()
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await RegisteredAsync(s);

        var refused = await phone.RunAsync("push-token", "sms", "x");
        var badOffer = await phone.RunAsync("enroll", "pushauth://enroll?offer=pr_nope&credential=abc");

        Assert.Equal(1, refused.Exit);
        Assert.StartsWith("400 Bad Request pushProvider", refused.Error, StringComparison.Ordinal);
        AssertOneLine(refused.Error);
        Assert.Equal(1, badOffer.Exit);
        Assert.StartsWith("4", badOffer.Error, StringComparison.Ordinal);
        AssertOneLine(badOffer.Error);
    }

    [Fact]
    public async Task Register_NoSiloListening_ExitsOneNamingTheServer()
    {
        var phone = new Phone(new Uri($"http://127.0.0.1:{SiloTestHost.FreePort()}"));

        var result = await phone.RunAsync("register");

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("cannot reach http://127.0.0.1:", result.Error, StringComparison.Ordinal);
        AssertOneLine(result.Error);
    }

    [Fact]
    public void DefaultServer_IsTheSilosDevelopmentUrl()
    {
        using var launch = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("src", "PushAuth.Silo", "Properties", "launchSettings.json")));

        var url = launch.RootElement.GetProperty("profiles").GetProperty("PushAuth.Silo").GetProperty("applicationUrl").GetString();

        Assert.Equal(SimulatorCli.DefaultServer, url);
    }

    [Fact]
    public async Task GitIgnore_SimulatorStateAndBootstrapKeys_AreIgnored()
    {
        string[] files = [".pushauth-device.key", ".pushauth-device.id", ".pushauth-device.pairing", "phone1.key", "phone1.id", "phone1.accounts.json", "phone1.backup.json",
            "acme-keys.txt"];
        using var git = Process.Start(new ProcessStartInfo("git", ["check-ignore", "--no-index", .. files])
        {
            WorkingDirectory = RepositoryFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var ignored = (await git.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await git.WaitForExitAsync();

        Assert.Equal(files.Order(StringComparer.Ordinal), ignored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BootstrapTenant_WhileTheSiloRuns_RefusesInOneLineExitOne()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pushauth-busy-" + Guid.NewGuid().ToString("N"));
        await using var silo = await SiloTestHost.StartSqliteAsync(dir);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await TenantBootstrap.RunAsync([TenantBootstrap.Command, "--tenant", "acme", "--PushAuth:Storage:Provider=Sqlite", $"--PushAuth:Storage:DataDirectory={dir}",
            $"--PushAuth:Silo:SiloPort={SiloTestHost.FreePort()}", .. TestKeys.Arguments], output, error);

        Assert.Equal(1, exit);
        Assert.Equal("", output.ToString());
        AssertOneLine(error.ToString());
        Assert.Contains("stop the silo", error.ToString(), StringComparison.Ordinal);
    }
}
