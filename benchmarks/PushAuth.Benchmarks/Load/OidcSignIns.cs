using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PushAuth.DeviceSimulator;

namespace PushAuth.Benchmarks.Load;

/// <summary>
/// The OpenID Connect flows as a relying party and a browser run them, over plain HTTP against one silo (a code is
/// redeemed at the issuer that minted it, so every step of a sign-in goes to the same silo): the hosted prompt's code
/// flow with PAR and PKCE, and CIBA in poll mode. The browser does what the prompt page's script does (push, long-poll,
/// complete); the phone answers with the number the prompt or the backchannel answer shows.
/// </summary>
public static partial class OidcSignIns
{
    /// <summary>Where the relying party would be called back; never requested (redirects are not followed).</summary>
    public const string RedirectUri = "http://127.0.0.1:9/signin-oidc";

    /// <summary>The tenant's client, registered once per run through the admin API (code flow and CIBA).</summary>
    public sealed record Client(string Id, string Secret);

    public static async Task<Client> RegisterClientAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync("/v1/admin/oidc-clients", new { name = "Bench", redirectUris = new[] { RedirectUri }, flows = new[] { "AuthorizationCode", "Ciba" } }, cancellationToken);
        var body = await DeviceClient.ReadAsync<JsonElement>(response, cancellationToken);
        return new Client(body.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!);
    }

    /// <summary>The pushed request's form: the user in login_hint, PKCE S256 from <paramref name="verifier"/>.</summary>
    public static Dictionary<string, string> PushedRequest(Client client, string userId, string verifier, string state) => new()
    {
        ["client_id"] = client.Id, ["response_type"] = "code", ["scope"] = "openid", ["redirect_uri"] = RedirectUri, ["state"] = state, ["nonce"] = "n" + state,
        ["login_hint"] = userId, ["code_challenge"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), ["code_challenge_method"] = "S256",
    };

    /// <summary>The prompt's own API path, as the page carries it for its script (<c>data-api</c>).</summary>
    public static string PromptApi(string html) =>
        DataApi().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("the prompt page has no data-api");

    /// <summary>The code of the redirect back to the client; its error (access_denied, fraud_reported…) throws.</summary>
    public static string CodeFrom(Uri location, string state)
    {
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        if (query["error"] is { } error)
        {
            throw new InvalidOperationException($"the prompt answered {error}: {query["error_description"]}");
        }
        return query["state"] == state && query["code"] is { Length: > 0 } code ? code : throw new InvalidOperationException($"no code for this state in {location}");
    }

    /// <summary>One sign-in through the hosted prompt; returns the wake latency (phone's answer → the page's long-poll
    /// has the outcome) in milliseconds.</summary>
    public static async Task<double> PromptSignInAsync(HttpClient browser, string tenant, Client client, string userId, DeviceClient phone, CancellationToken cancellationToken)
    {
        var issuer = $"/oidc/{tenant}";
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        string requestUri;
        using (var par = await PostFormAsync(browser, issuer + "/par", client, PushedRequest(client, userId, verifier, state), cancellationToken))
        {
            requestUri = (await DeviceClient.ReadAsync<JsonElement>(par, cancellationToken)).GetProperty("request_uri").GetString()!;
        }
        string api;
        using (var page = await browser.GetAsync($"{issuer}/authorize?client_id={Uri.EscapeDataString(client.Id)}&request_uri={Uri.EscapeDataString(requestUri)}", cancellationToken))
        {
            api = PromptApi(await ReadSuccessAsync(page, cancellationToken));
        }
        JsonElement pending;
        using (var push = await browser.PostAsync(api + "/push", null, cancellationToken))
        {
            pending = await DeviceClient.ReadAsync<JsonElement>(push, cancellationToken);
        }
        if (pending.GetProperty("status").GetString() != "Pending")
        {
            throw new InvalidOperationException($"the prompt's push is {pending.GetProperty("status").GetString()}: {pending.GetProperty("detail")}");
        }
        var waiter = browser.GetFromJsonAsync<JsonElement>(api + "/wait", cancellationToken);
        var answeredAt = await AnswerAsync(phone, pending.GetProperty("numberMatch").GetString(), cancellationToken);
        var outcome = await waiter;
        var wake = Stopwatch.GetElapsedTime(answeredAt).TotalMilliseconds;
        if (outcome.GetProperty("status").GetString() != "Approved")
        {
            throw new InvalidOperationException($"the prompt's long-poll saw {outcome.GetProperty("status").GetString()}");
        }
        using var complete = await browser.PostAsync(issuer + "/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = client.Id, ["request_uri"] = requestUri, ["action"] = "complete",
        }), cancellationToken);
        var code = complete.StatusCode == HttpStatusCode.Redirect && complete.Headers.Location is { } location
            ? CodeFrom(location, state)
            : throw new InvalidOperationException($"completing the prompt answered {(int)complete.StatusCode}");
        using var token = await PostFormAsync(browser, issuer + "/token", client, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier,
        }, cancellationToken);
        IdToken(await DeviceClient.ReadAsync<JsonElement>(token, cancellationToken));
        return wake;
    }

    /// <summary>One CIBA approval in poll mode: the backchannel request, the phone's answer, then the token poll (the
    /// first poll comes after the answer, so it is not early and needs no wait; a pending one waits the interval).
    /// Returns the milliseconds from the phone's answer to the ID token.</summary>
    public static async Task<double> CibaApproveAsync(HttpClient caller, string tenant, Client client, string userId, DeviceClient phone, CancellationToken cancellationToken)
    {
        var issuer = $"/oidc/{tenant}";
        JsonElement started;
        using (var request = await PostFormAsync(caller, issuer + "/bc-authorize", client, new Dictionary<string, string>
        {
            ["scope"] = "openid", ["login_hint"] = userId, ["binding_message"] = "Bench",
        }, cancellationToken))
        {
            started = await DeviceClient.ReadAsync<JsonElement>(request, cancellationToken);
        }
        var authReqId = started.GetProperty("auth_req_id").GetString()!;
        var interval = TimeSpan.FromSeconds(started.GetProperty("interval").GetInt32());
        var number = started.TryGetProperty("number_match", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var answeredAt = await AnswerAsync(phone, number, cancellationToken);
        var poll = new Dictionary<string, string> { ["grant_type"] = "urn:openid:params:grant-type:ciba", ["auth_req_id"] = authReqId };
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var token = await PostFormAsync(caller, issuer + "/token", client, poll, cancellationToken);
            if (token.IsSuccessStatusCode)
            {
                IdToken(await DeviceClient.ReadAsync<JsonElement>(token, cancellationToken));
                return Stopwatch.GetElapsedTime(answeredAt).TotalMilliseconds;
            }
            var error = (await token.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("error").GetString();
            if (error is not ("authorization_pending" or "slow_down"))
            {
                throw new InvalidOperationException($"the CIBA poll answered {error}");
            }
            await Task.Delay(error == "slow_down" ? interval * 2 : interval, cancellationToken);
        }
        throw new InvalidOperationException("the CIBA request was still pending after 10 polls");
    }

    /// <summary>The phone pulls its challenge and approves it, typing the number; returns when the answer was accepted.</summary>
    private static async Task<long> AnswerAsync(DeviceClient phone, string? number, CancellationToken cancellationToken)
    {
        var challenge = (await phone.PullAsync(cancellationToken)).FirstOrDefault(c => c.Status == "Pending")
            ?? throw new InvalidOperationException("no pending challenge reached the phone");
        var answeredAt = Stopwatch.GetTimestamp();
        using var answer = await phone.AnswerAsync(challenge, approve: true, number, cancellationToken: cancellationToken);
        await DeviceClient.EnsureSuccessAsync(answer, cancellationToken);
        return answeredAt;
    }

    private static void IdToken(JsonElement tokens)
    {
        if (tokens.GetProperty("id_token").GetString() is not { Length: > 0 })
        {
            throw new InvalidOperationException("the token response has no id_token");
        }
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, Client client, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        // client_secret_basic: no bearer of the client's own (the HttpClient may carry the login service's key).
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(client.Id)}:{Uri.EscapeDataString(client.Secret)}")));
        return await http.SendAsync(request, cancellationToken);
    }

    private static async Task<string> ReadSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
    }

    [GeneratedRegex("data-api=\"([^\"]+)\"")]
    private static partial Regex DataApi();
}
