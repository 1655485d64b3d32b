using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PushAuth.Benchmarks.Approvals;
using PushAuth.Benchmarks.Load;

namespace PushAuth.Benchmarks.Tests;

/// <summary>The approvals run's plan with the OpenID Connect flows: which flows, how the load generator is told, and
/// the relying party's pieces the load generator builds and reads.</summary>
public class SignInFlowTests
{
    [Theory]
    [InlineData(null, SignInFlow.Rest)]
    [InlineData("rest", SignInFlow.Rest)]
    [InlineData("PROMPT", SignInFlow.Prompt)]
    [InlineData("ciba", SignInFlow.Ciba)]
    public void Flow_names_parse(string? name, SignInFlow expected) => Assert.Equal(expected, SignInFlows.Parse(name));

    [Fact]
    public void An_unknown_flow_is_refused_naming_it() =>
        Assert.Contains("'oidc'", Assert.Throws<ArgumentException>(() => SignInFlows.Parse("oidc")).Message, StringComparison.Ordinal);

    [Fact]
    public void The_peak_command_carries_its_flow_through_the_load_generators_json()
    {
        var line = JsonSerializer.Serialize(new LoadCommand("peak", Flow: SignInFlows.Name(SignInFlow.Ciba)), LoadJson.Options);
        var back = JsonSerializer.Deserialize<LoadCommand>(line, LoadJson.Options)!;

        Assert.Equal(SignInFlow.Ciba, SignInFlows.Parse(back.Flow));
        Assert.Equal(SignInFlow.Rest, SignInFlows.Parse(JsonSerializer.Deserialize<LoadCommand>("{\"cmd\":\"peak\"}", LoadJson.Options)!.Flow));
        Assert.Equal("bench", JsonSerializer.Deserialize<LoadConfig>("{\"silos\":[],\"loginKey\":\"l\",\"adminKey\":\"a\",\"users\":1,\"concurrency\":1,\"userPrefix\":\"u\"}", LoadJson.Options)!.Tenant);
    }

    [Fact]
    public void One_run_measures_REST_then_the_prompt_then_CIBA_and_the_smoke_run_is_small()
    {
        Assert.Equal([SignInFlow.Rest, SignInFlow.Prompt, SignInFlow.Ciba], ApprovalRunShape.Full.PeakFlows);
        Assert.Equal([SignInFlow.Prompt, SignInFlow.Ciba], ApprovalRunShape.Full.OidcFlows);
        Assert.Same(ApprovalRunShape.Full, ApprovalRunShape.FromEnvironment(null));
        var smoke = ApprovalRunShape.FromEnvironment("1");
        Assert.True(smoke.IsSmoke);
        Assert.Equal(ApprovalRunShape.Full.PeakFlows, smoke.PeakFlows);
        Assert.True(smoke.Users <= 64 && smoke.Settling.Maximum <= TimeSpan.FromSeconds(2));
        Assert.Equal(0, smoke.Users % smoke.Concurrency);
        Assert.Equal([4, 8, 4], SignInFlows.All.Select(SignInFlows.Requests));
    }

    [Fact]
    public void The_pushed_request_names_the_user_with_an_S256_challenge_of_the_verifier()
    {
        var client = new OidcSignIns.Client("oc_1", "ocs_1");
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

        var form = OidcSignIns.PushedRequest(client, "user7", verifier, "s1");

        Assert.Equal("user7", form["login_hint"]);
        Assert.Equal("S256", form["code_challenge_method"]);
        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), form["code_challenge"]);
        Assert.Equal(OidcSignIns.RedirectUri, form["redirect_uri"]);
        Assert.Contains("openid", form["scope"].Split(' '));
    }

    [Fact]
    public void The_prompt_pages_api_and_the_redirects_code_are_read_as_a_browser_and_client_would()
    {
        Assert.Equal("/oidc/bench/prompt/abc_-1", OidcSignIns.PromptApi("<main id=\"prompt\" data-api=\"/oidc/bench/prompt/abc_-1\" data-mode=\"push\">"));
        Assert.Throws<InvalidOperationException>(() => OidcSignIns.PromptApi("<main>"));
        Assert.Equal("c1", OidcSignIns.CodeFrom(new Uri("http://127.0.0.1:9/signin-oidc?code=c1&state=s1&iss=x"), "s1"));
        Assert.Throws<InvalidOperationException>(() => OidcSignIns.CodeFrom(new Uri("http://127.0.0.1:9/signin-oidc?code=c1&state=other"), "s1"));
        Assert.Contains("access_denied", Assert.Throws<InvalidOperationException>(() =>
            OidcSignIns.CodeFrom(new Uri("http://127.0.0.1:9/signin-oidc?error=access_denied&error_description=denied&state=s1"), "s1")).Message, StringComparison.Ordinal);
    }
}
