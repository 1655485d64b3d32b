using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>Unknown API keys and device tokens sent again cost no grain call (issue 12 item 19), and a key issued is
/// known at once (the cache itself: tests/PushAuth.Grains.Tests/Caching/ExpiringCacheTests).</summary>
public sealed class NegativeCacheTests
{
    [Fact]
    public async Task UnknownApiKey_SentTwentyTimes_OneGrainCallUntilAKeyIsIssued()
    {
        var counter = new GrainCallCounter();
        await using var s = await Scenario.SqliteAsync(configure: b => b.Services.AddSingleton<IIncomingGrainCallFilter>(counter));
        var key = "pak_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        Assert.True(PushAuth.Security.SecretHasher.TryGetApiKeyPrefixId(key, out var prefix));
        var unknown = s.Client(0, key);

        for (var i = 0; i < 20; i++)
        {
            using var response = await unknown.GetAsync("/v1/users/alice/methods");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        var afterRepeats = counter.Count("IApiKeyGrain", "GetAsync", prefix);
        using (var issued = await s.Admin.PostAsJsonAsync("/v1/admin/api-keys", new { role = "LoginService", name = "new" }))
        {
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }
        using (var again = await unknown.GetAsync("/v1/users/alice/methods"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        }

        Assert.Equal(1, afterRepeats);
        Assert.Equal(2, counter.Count("IApiKeyGrain", "GetAsync", prefix));
    }

    [Fact]
    public async Task UnknownDeviceToken_SentTwentyTimes_OneGrainCallAndRealDevicesStillWork()
    {
        var counter = new GrainCallCounter();
        await using var s = await Scenario.SqliteAsync(configure: b => b.Services.AddSingleton<IIncomingGrainCallFilter>(counter));
        var client = s.Client(0, null);
        var deviceId = "dv_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var token = $"{DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()}.{deviceId}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";

        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/device/challenges");
            request.Headers.Authorization = new AuthenticationHeaderValue("Device", token);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(1, counter.Count("IDeviceGrain", "GetPublicKeyAsync", deviceId));
        var device = await s.DeviceAsync();
        Assert.False(string.IsNullOrEmpty(await device.OpenSessionAsync()));
    }
}
