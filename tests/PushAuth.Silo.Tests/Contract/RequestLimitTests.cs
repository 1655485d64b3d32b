using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Silo.Endpoints;
using PushAuth.Silo.Tests.Admin;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>Per-key long-poll cap and request body limit (issue 12 item 19).</summary>
public sealed class RequestLimitTests
{
    [Fact]
    public async Task LongPoll_MoreThanTheCapForOneKey_429WithRetryAfterAndTheSlotsComeBack()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync(extra: new Dictionary<string, string?> { ["PushAuth:Silo:MaxLongPollsPerKey"] = "2" });
        await using var s = await Scenario.OnAsync(silo);
        var device = await s.DeviceAsync();
        await s.PairAsync(device, "alice");
        var id = (await s.CreateChallengeAsync("alice")).GetProperty("challengeId").GetString()!;
        var slots = silo.Services.GetRequiredService<LongPollSlots>();

        var waiting = new[] { s.Login.GetAsync($"/v1/challenges/{id}?wait=25"), s.Login.GetAsync($"/v1/challenges/{id}?wait=25") };
        var keyId = (await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/api-keys")).EnumerateArray()
            .Single(k => k.GetProperty("role").GetString() == "LoginService").GetProperty("keyId").GetString()!;
        for (var i = 0; i < 200 && slots.InUse(keyId) < 2; i++)
        {
            await Task.Delay(50);
        }
        using var third = await s.Login.GetAsync($"/v1/challenges/{id}?wait=25");
        using var plainRead = await s.Login.GetAsync($"/v1/challenges/{id}");
        using var cancel = await s.Login.PostAsync($"/v1/challenges/{id}/cancel", null);
        var answered = await Task.WhenAll(waiting);
        using var later = await s.Login.GetAsync($"/v1/challenges/{id}?wait=1");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("long-poll.too-many", await third.ProblemCodeAsync());
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, plainRead.StatusCode);
        Assert.All(answered, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(0, slots.InUse(keyId));
        foreach (var r in answered)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task Body_LargerThanTheLimit_413ProblemJson()
    {
        await using var s = await Scenario.SqliteAsync();
        var big = "{\"userId\":\"alice\",\"context\":{\"service\":\"" + new string('a', 100 * 1024) + "\",\"action\":\"Sign in\"}}";

        using var sized = await s.Login.PostAsync("/v1/challenges", new StringContent(big, Encoding.UTF8, "application/json"));
        using var chunked = await s.Login.PostAsync("/v1/challenges", new ChunkedContent(big));

        foreach (var response in new[] { sized, chunked })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("request.too-large", await response.ProblemCodeAsync());
        }
    }

    [Fact]
    public async Task BackupUpload_BlobOfTheAllowedSize_NotRefusedForSize()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var blob = System.Buffers.Text.Base64Url.EncodeToString(new byte[64 * 1024]);
        var body = JsonSerializer.Serialize(new { verificationId = "cv_unknown", salt = "AAAAAAAAAAAAAAAAAAAAAA", kdf = new { algorithm = "argon2id", memoryKiB = 65536, iterations = 3, parallelism = 1 },
            enrollment = "AAAA", blob, accountCount = 1 });
        var http = s.Client(0, null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/device/backups") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Device", await device.SessionAsync());

        using var response = await http.SendAsync(request);

        Assert.True(body.Length > 64 * 1024);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A body without Content-Length, so the limit is met while reading, not from the header.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(string text)
        {
            _bytes = Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
