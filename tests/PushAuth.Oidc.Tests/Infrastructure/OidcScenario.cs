using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Oidc.Tests.Infrastructure;

/// <summary>A tenant on a real silo with an OpenID Connect client registered through the admin API, and the protocol
/// steps a relying party takes, over plain HTTP (the third-party clients are in the Node and browser tests).</summary>
public sealed class OidcScenario : IAsyncDisposable
{
    public const string RedirectUri = "http://127.0.0.1:5999/signin-oidc";

    private OidcScenario(Scenario scenario) => S = scenario;

    public Scenario S { get; }

    public string Issuer => $"{S.Silos[0].BaseAddress.ToString().TrimEnd('/')}/oidc/{S.TenantId}";

    public string ClientId { get; private set; } = "";

    public string ClientSecret { get; private set; } = "";

    public static async Task<OidcScenario> StartAsync(string flows = "AuthorizationCode,Ciba", string tenantId = "acme", IDictionary<string, string?>? silo = null)
    {
        var scenario = new OidcScenario(await Scenario.SqliteAsync(tenantId, silo: silo));
        (scenario.ClientId, scenario.ClientSecret) = await scenario.RegisterClientAsync(flows);
        return scenario;
    }

    /// <summary>An existing scenario and client (the caller disposes the scenario).</summary>
    public static OidcScenario On(Scenario scenario, string clientId, string secret) => new(scenario) { ClientId = clientId, ClientSecret = secret };

    /// <summary>Registers a client through the admin API; returns its id and the secret shown once.</summary>
    public async Task<(string ClientId, string Secret)> RegisterClientAsync(string flows, string[]? redirectUris = null, HttpClient? admin = null)
    {
        using var response = await (admin ?? S.Admin).PostAsJsonAsync("/v1/admin/oidc-clients", new
        {
            name = "Acme Mail", redirectUris = redirectUris ?? [RedirectUri], flows = flows.Split(','),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!);
    }

    /// <summary>A client that does not follow redirects, so each protocol step can be read.</summary>
    public HttpClient Browser()
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = S.Silos[0].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return http;
    }

    public sealed record Pushed(string RequestUri, string Verifier, string State);

    /// <summary>PAR with client_secret_basic, PKCE S256 and <paramref name="loginHint"/>.</summary>
    public async Task<HttpResponseMessage> PushRawAsync(IDictionary<string, string> parameters, string? clientId = null, string? secret = null, string? issuer = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, (issuer ?? Issuer) + "/par") { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId ?? ClientId)}:{Uri.EscapeDataString(secret ?? ClientSecret)}")));
        return await http.SendAsync(request);
    }

    public async Task<Pushed> PushAsync(string loginHint, string redirectUri = RedirectUri)
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(8));
        using var response = await PushRawAsync(PushParameters(loginHint, verifier, state, redirectUri));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return new Pushed(body.GetProperty("request_uri").GetString()!, verifier, state);
    }

    public Dictionary<string, string> PushParameters(string loginHint, string verifier, string state, string redirectUri = RedirectUri) => new()
    {
        ["client_id"] = ClientId, ["response_type"] = "code", ["scope"] = "openid", ["redirect_uri"] = redirectUri, ["state"] = state, ["nonce"] = "n-" + state,
        ["code_challenge"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), ["code_challenge_method"] = "S256", ["login_hint"] = loginHint,
    };

    public string AuthorizeUrl(Pushed pushed, string extra = "") =>
        $"{Issuer}/authorize?client_id={Uri.EscapeDataString(ClientId)}&request_uri={Uri.EscapeDataString(pushed.RequestUri)}{extra}";

    /// <summary>The prompt's handle, as the page carries it.</summary>
    public static string Handle(Pushed pushed) => OidcKeys.PromptHandle(pushed.RequestUri);

    /// <summary>The prompt page's "complete" form: the redirect back to the client (or the page again).</summary>
    public async Task<HttpResponseMessage> CompleteAsync(HttpClient browser, Pushed pushed) =>
        await browser.PostAsync(Issuer + "/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ClientId, ["request_uri"] = pushed.RequestUri, ["action"] = "complete",
        }));

    public async Task<HttpResponseMessage> RedeemAsync(string code, string verifier, string redirectUri = RedirectUri, string? issuer = null)
    {
        using var http = new HttpClient();
        return await http.PostAsync((issuer ?? Issuer) + "/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["code_verifier"] = verifier,
            ["client_id"] = ClientId, ["client_secret"] = ClientSecret,
        }));
    }

    /// <summary>The number the prompt shows for a challenge (what a person reads off the page and types on the phone).</summary>
    public async Task<string?> NumberAsync(string userId, string challengeId) =>
        (await S.Silos[0].Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(GrainKeys.User(S.TenantId, userId)).GetChallengeAsync(S.TenantId, challengeId))?.NumberMatch;

    /// <summary>The phone answers the first pending challenge: approve with the shown number, or deny (with a reason).</summary>
    public async Task<DeviceChallenge> AnswerAsync(DeviceClient phone, string userId, bool approve, string? reason = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if ((await phone.PullAsync()).FirstOrDefault() is { } challenge)
            {
                var number = approve ? await NumberAsync(userId, challenge.ChallengeId) : null;
                using var answer = await phone.AnswerAsync(challenge, approve, number, reason);
                await DeviceClient.EnsureSuccessAsync(answer, CancellationToken.None);
                return challenge;
            }
            Assert.True(DateTime.UtcNow < deadline, "no challenge reached the phone");
            await Task.Delay(50);
        }
    }

    public static string? Query(Uri location, string name) =>
        System.Web.HttpUtility.ParseQueryString(location.Query)[name];

    public ValueTask DisposeAsync() => S.DisposeAsync();
}
