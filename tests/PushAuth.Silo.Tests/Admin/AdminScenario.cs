using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PushAuth.Security;
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

    /// <summary>Designates console admins (replacing the list).</summary>
    public static async Task SetConsoleAdminsAsync(this Scenario s, params (string UserId, string Role)[] admins)
    {
        using var set = await s.Admin.PutAsJsonAsync("/v1/admin/console-admins", new { admins = admins.Select(a => new { userId = a.UserId, role = a.Role }) });
        set.EnsureSuccessStatusCode();
    }

    /// <summary>A browser-like client signed in to the console as <paramref name="userId"/> with a TOTP code from
    /// <paramref name="seed"/> at <paramref name="now"/>; it sends the session's CSRF token on every request.</summary>
    public static async Task<HttpClient> ConsoleAsync(this Scenario s, string userId, byte[] seed, DateTimeOffset? now = null, bool withCsrf = true)
    {
        var client = ConsoleClient(s);
        using var signIn = await client.PostAsJsonAsync("/console/api/sign-in", new { tenantId = s.TenantId, userId, method = "totp", code = Totp.ComputeCode(seed, now ?? DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var session = await client.GetFromJsonAsync<JsonElement>("/console/api/session");
        if (withCsrf)
        {
            client.DefaultRequestHeaders.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
        }
        return client;
    }

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
