using PushAuth.Benchmarks.Approvals;
using PushAuth.Benchmarks.Load;

namespace PushAuth.Benchmarks.Tests;

/// <summary>The load generator's OpenID Connect flows run against a real silo (in this process, SQLite): one prompt
/// sign-in and one CIBA approval each end in an ID token, so the benchmark's new workloads execute.</summary>
public class OidcSignInsSmokeTests
{
    [Fact]
    public async Task A_prompt_sign_in_and_a_CIBA_approval_complete_against_a_silo()
    {
        var data = Path.Combine(Path.GetTempPath(), "pushauth-bench-oidc-smoke-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var cluster = await BenchCluster.StartAsync(1, new() { ["PushAuth:Storage:Provider"] = "Sqlite", ["PushAuth:Storage:DataDirectory"] = data });
            using var phone = await cluster.PairAsync("user0", 0, CancellationToken.None);
            await phone.SessionAsync(CancellationToken.None);
            using var admin = BenchCluster.NewClient(cluster.Addresses[0], cluster.AdminKey);
            using var browser = BenchCluster.NewClient(cluster.Addresses[0], null, followRedirects: false);
            var client = await OidcSignIns.RegisterClientAsync(admin, CancellationToken.None);

            var promptWake = await OidcSignIns.PromptSignInAsync(browser, "bench", client, "user0", phone, CancellationToken.None);
            var cibaWake = await OidcSignIns.CibaApproveAsync(cluster.Anonymous[0], "bench", client, "user0", phone, CancellationToken.None);

            Assert.InRange(promptWake, 0, 20_000);
            Assert.InRange(cibaWake, 0, 20_000);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
