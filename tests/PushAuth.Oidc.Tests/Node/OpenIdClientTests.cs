using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using PushAuth.DeviceSimulator;
using PushAuth.Oidc.Tests.Infrastructure;
using PushAuth.Testing;
using Xunit;
using Xunit.Abstractions;

namespace PushAuth.Oidc.Tests.Node;

/// <summary>
/// openid-client 6.8.9 (npm, installed by the test into its cache, never by the product) runs node's test runner against
/// a real silo: discovery, the code flow with PKCE and PAR, ID-token validation and amr, and CIBA poll mode to approval,
/// denial and expiry. Simulated phones answer as people would: alice approves with the number, dave denies, erin never answers.
/// </summary>
public sealed class OpenIdClientTests(ITestOutputHelper output)
{
    public const string Package = "openid-client@6.8.9";

    [Fact]
    public async Task OpenIdClient_CodeFlowWithParAndPkce_AndCibaPoll_AgainstTheTenantIssuer()
    {
        var modules = await NpmPackages.InstallAsync(Package);
        await using var o = await OidcScenario.StartAsync(silo: new Dictionary<string, string?> { ["PushAuth:Oidc:CibaInterval"] = "00:00:01" });
        var alice = await o.S.DeviceAsync();
        var dave = await o.S.DeviceAsync();
        await o.S.DeviceAsync();
        await o.S.PairAsync(alice, "alice");
        await o.S.PairAsync(dave, "dave");
        await o.S.PairAsync(await o.S.DeviceAsync(), "erin");
        using var stop = new CancellationTokenSource();
        var contexts = new ConcurrentBag<JsonElement>();
        var phones = Task.WhenAll(AnswerAsync(o, alice, "alice", approve: true, contexts, stop.Token), AnswerAsync(o, dave, "dave", approve: false, contexts, stop.Token));

        // ES modules resolve packages from the script's own folder (NODE_PATH is CommonJS only): a copy per run goes beside node_modules.
        var script = Path.Combine(modules, $"run-{Guid.NewGuid():N}.test.mjs");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Node", "openid-client.test.mjs"), script);
        var start = new ProcessStartInfo("node") { WorkingDirectory = modules, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--test", "--test-reporter=spec", script })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ISSUER"] = o.Issuer;
        start.Environment["CLIENT_ID"] = o.ClientId;
        start.Environment["CLIENT_SECRET"] = o.ClientSecret;
        start.Environment["REDIRECT_URI"] = OidcScenario.RedirectUri;
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await node.WaitForExitAsync(timeout.Token);
        await stop.CancelAsync();
        await phones;
        File.Delete(script);
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);

        Assert.True(node.ExitCode == 0, $"node --test failed ({node.ExitCode}):\n{await stdout}\n{await stderr}");
        Assert.Contains(contexts, c => c.TryGetProperty("bindingMessage", out var m) && m.GetString() == "Order 7 (PushAuth test)");
    }

    private static async Task AnswerAsync(OidcScenario o, DeviceClient phone, string userId, bool approve, ConcurrentBag<JsonElement> contexts, CancellationToken stop)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        while (!stop.IsCancellationRequested)
        {
            foreach (var challenge in await phone.PullAsync(CancellationToken.None))
            {
                if (answered.Add(challenge.ChallengeId))
                {
                    contexts.Add(challenge.Context);
                    var number = approve ? await o.NumberAsync(userId, challenge.ChallengeId) : null;
                    using var _ = await phone.AnswerAsync(challenge, approve, number, cancellationToken: CancellationToken.None);
                }
            }
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
