using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.DeviceSimulator;
using PushAuth.Security;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>Configuring real keys after running on the generated development keys: an unreadable credential fails alone
/// (never a 500), the development key can be imported into the ring, and old secrets are re-encrypted as they are used.</summary>
public sealed class KeyChangeTests
{
    private static readonly string RealKeys = "k1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    // Development keys exist only in Development, and so does importing them.
    private static Dictionary<string, string?> Development(params (string Key, string Value)[] settings) =>
        new(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)).Append(KeyValuePair.Create(SiloTestHost.EnvironmentKey, (string?)"Development")));

    private static HttpClient Client(SiloTestHost silo, string key) =>
        new() { BaseAddress = silo.BaseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

    private static async Task<bool> VerifyAsync(HttpClient login, string userId, byte[] secret)
    {
        using var response = await login.PostAsJsonAsync($"/v1/users/{userId}/totp/verify", new { code = Totp.ComputeCode(secret, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean();
    }

    private static async Task<byte[]> EnrollAsync(HttpClient login, string userId)
    {
        using var response = await login.PostAsJsonAsync($"/v1/users/{userId}/totp", new { });
        return Base32.Decode((await DeviceClient.ReadAsync<JsonElement>(response, default)).GetProperty("secret").GetString()!);
    }

    private static async Task<string> StoredUserRowAsync(SiloTestHost silo, string tenantId, string userId)
    {
        var storage = silo.Services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(PushAuth.Grains.Storage.StorageNames.Default);
        var stored = new Orleans.GrainState<JsonElement>();
        await storage.ReadStateAsync("user", Orleans.Runtime.GrainId.Create("user", GrainKeys.User(tenantId, userId)), stored);
        return stored.State.GetRawText();
    }

    [Fact]
    public async Task RealKeysAfterDevelopmentKeys_OldCredentialFailsAloneThenImportReadsAndReencryptsIt()
    {
        var data = Path.Combine(Path.GetTempPath(), "pushauth-keys-" + Guid.NewGuid().ToString("N"));
        string loginKey, adminKey, webhookSecret;
        byte[] oldSecret;
        await using (var dev = await SiloTestHost.StartSqliteAsync(data, Development()))
        {
            var keys = await dev.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>("acme").CreateAsync("Acme", RequestOrigin.Internal);
            loginKey = keys.Single(k => k.Role == ApiKeyRole.LoginService).Key;
            adminKey = keys.Single(k => k.Role == ApiKeyRole.Admin).Key;
            using var admin = Client(dev, adminKey);
            webhookSecret = (await (await admin.PostAsync("/v1/admin/webhook-secret", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
            using var login = Client(dev, loginKey);
            oldSecret = await EnrollAsync(login, "alice");
        }

        byte[] newSecret;
        await using (var real = await SiloTestHost.StartSqliteAsync(data, Development(("PushAuth:Security:TotpKeys", RealKeys))))
        {
            using var login = Client(real, loginKey);
            Assert.False(await VerifyAsync(login, "alice", oldSecret));
            newSecret = await EnrollAsync(login, "alice");
            Assert.True(await VerifyAsync(login, "alice", newSecret));
            Assert.Null(await real.Services.GetRequiredService<IGrainFactory>().GetGrain<IWebhookSecretGrain>("acme").GetAsync());
        }

        await using var imported = await SiloTestHost.StartSqliteAsync(data, Development(("PushAuth:Security:TotpKeys", RealKeys), ("PushAuth:Security:ImportDevelopmentKey", "true")));
        using (var login = Client(imported, loginKey))
        {
            Assert.True(await VerifyAsync(login, "alice", oldSecret));
        }
        var row = await StoredUserRowAsync(imported, "acme", "alice");
        Assert.DoesNotContain("v1.dev.", row, StringComparison.Ordinal);
        Assert.Contains("v1.k1.", row, StringComparison.Ordinal);
        Assert.Equal(webhookSecret, await imported.Services.GetRequiredService<IGrainFactory>().GetGrain<IWebhookSecretGrain>("acme").GetAsync());
    }

    [Fact]
    public async Task Start_ConfiguredKeyNamedDev_RefusedWithClearMessage()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SiloTestHost.StartSqliteAsync(extra: Development(
            ("PushAuth:Security:TotpKeys", "dev:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))))));

        Assert.Contains("development key", error.Message, StringComparison.Ordinal);
    }
}
