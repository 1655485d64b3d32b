using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.Security;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Admin;

/// <summary>Helpers of the admin-recovery tests on top of <see cref="Scenario"/>.</summary>
public static class AdminScenario
{
    /// <summary>A client holding a new API key of <paramref name="role"/>, issued by the tenant's Admin key.</summary>
    public static async Task<HttpClient> KeyAsync(this Scenario s, string role) => s.Client(0, (await s.IssueKeyAsync(role)).GetProperty("key").GetString());

    /// <summary>Issues an API key of <paramref name="role"/>; the answer's body.</summary>
    public static async Task<JsonElement> IssueKeyAsync(this Scenario s, string role)
    {
        using var created = await s.Admin.PostAsJsonAsync("/v1/admin/api-keys", new { role, name = role + " key" });
        created.EnsureSuccessStatusCode();
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The <c>code</c> of a problem+json answer.</summary>
    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    /// <summary>Enrolls a TOTP credential for <paramref name="userId"/> (so the user exists); returns the seed.</summary>
    public static async Task<byte[]> EnrollTotpAsync(this Scenario s, string userId)
    {
        using var enrolled = await s.Login.PostAsJsonAsync($"/v1/users/{userId}/totp", new { });
        enrolled.EnsureSuccessStatusCode();
        return Base32.Decode((await enrolled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);
    }

    /// <summary>A one-time setup link for a console admin of <paramref name="role"/>, issued server-side (as bootstrap-tenant
    /// and recover-admin do; in the console an Admin does it).</summary>
    public static async Task<string> InviteAsync(this Scenario s, string role = "Admin") =>
        (await s.Silos[0].Services.GetRequiredService<AdminInvitations>().IssueAsync(null, s.TenantId, Enum.Parse<ApiKeyRole>(role), null, "test", RequestOrigin.Internal,
            CancellationToken.None)).SetupLink;

    /// <summary>A browser-like client signed in to the console as a new admin of <paramref name="role"/> (invited, set up
    /// with a software passkey); it sends the session's CSRF token on every request.</summary>
    public static async Task<HttpClient> ConsoleAsync(this Scenario s, string role = "Admin", bool withCsrf = true) =>
        (await s.ConsoleAdminAsync(role, withCsrf: withCsrf)).Client;

    /// <summary>As <see cref="ConsoleAsync"/>, with the admin's id and authenticator.</summary>
    public static async Task<ConsoleAdminSession> ConsoleAdminAsync(this Scenario s, string role = "Admin", string? name = null, bool withCsrf = true)
    {
        var client = s.ConsoleClient();
        var authenticator = new SoftwareAuthenticator();
        using var setup = await client.SetUpAsync(await s.InviteAsync(role), authenticator, name ?? role + " admin");
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        var adminId = (await setup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("adminId").GetString()!;
        if (withCsrf)
        {
            await client.UseCsrfAsync();
        }
        return new ConsoleAdminSession(client, authenticator, adminId);
    }

    /// <summary>Opens a setup link and registers a passkey of <paramref name="authenticator"/> on it; the answer of <c>POST /console/api/setup</c>.</summary>
    public static async Task<HttpResponseMessage> SetUpAsync(this HttpClient client, string setupLink, SoftwareAuthenticator authenticator, string displayName, string? origin = null)
    {
        var fragment = System.Web.HttpUtility.ParseQueryString(setupLink[(setupLink.IndexOf('#', StringComparison.Ordinal) + 1)..].Replace("setup&", "", StringComparison.Ordinal));
        using var options = await client.PostAsJsonAsync("/console/api/setup/options", new { tenantId = fragment["tenant"], token = fragment["token"], displayName });
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var publicKey = (await options.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicKey");
        return await client.PostAsJsonAsync("/console/api/setup", new { credential = authenticator.Create(publicKey, origin ?? Origin(client)), passkeyName = "Laptop" });
    }

    /// <summary>Signs in with a passkey of <paramref name="authenticator"/>; the answer of <c>POST /console/api/sign-in</c>.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string tenantId, SoftwareAuthenticator authenticator, string? credentialId = null)
    {
        using var options = await client.PostAsJsonAsync("/console/api/sign-in/options", new { tenantId });
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var publicKey = (await options.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicKey");
        return await client.PostAsJsonAsync("/console/api/sign-in", new { credential = authenticator.Get(publicKey, Origin(client), credentialId) });
    }

    /// <summary>Confirms with a passkey again (step-up); the answer of <c>POST /console/api/step-up</c>.</summary>
    public static async Task<HttpResponseMessage> StepUpAsync(this HttpClient client, SoftwareAuthenticator authenticator)
    {
        using var options = await client.PostAsync("/console/api/step-up/options", null);
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var publicKey = (await options.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicKey");
        return await client.PostAsJsonAsync("/console/api/step-up", new { credential = authenticator.Get(publicKey, Origin(client)) });
    }

    /// <summary>Reads the session's CSRF token and sends it from now on.</summary>
    public static async Task UseCsrfAsync(this HttpClient client)
    {
        var session = await client.GetFromJsonAsync<JsonElement>("/console/api/session");
        client.DefaultRequestHeaders.Remove("X-CSRF-Token");
        client.DefaultRequestHeaders.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
    }

    /// <summary>The origin a browser on this client's base address would put in clientDataJSON.</summary>
    public static string Origin(HttpClient client) => client.BaseAddress!.GetLeftPart(UriPartial.Authority);

    /// <summary>A client with a cookie jar against silo 0, not signed in.</summary>
    public static HttpClient ConsoleClient(this Scenario s)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = s.Silos[0].BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        return client;
    }

    /// <summary>A loopback receiver of webhooks at <c>/events</c>: the bodies and headers it got.</summary>
    public static async Task<(WebApplication App, ConcurrentQueue<(string Body, string Timestamp, string Signature)> Received)> WebhookReceiverAsync()
    {
        var received = new ConcurrentQueue<(string, string, string)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/events", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            received.Enqueue((await reader.ReadToEndAsync(), request.Headers["PushAuth-Timestamp"].ToString(), request.Headers["PushAuth-Signature"].ToString()));
            return Results.Ok();
        });
        await app.StartAsync();
        return (app, received);
    }
}
