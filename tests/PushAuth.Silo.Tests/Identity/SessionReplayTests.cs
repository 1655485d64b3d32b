using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.DeviceSimulator;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>A session proof ({nonce, signature}) opens one session, however often and however concurrently it is sent.</summary>
public sealed class SessionReplayTests
{
    [Fact]
    public async Task OpenSession_SameProofThreeTimesConcurrently_OneSession()
    {
        await using var s = await Scenario.SqliteAsync();
        var device = await s.DeviceAsync();
        var client = s.Client(0, null);
        using var nonceResponse = await client.PostAsync($"/v1/devices/{device.DeviceId}/session-nonce", null);
        var nonce = (await DeviceClient.ReadAsync<JsonElement>(nonceResponse, default)).GetProperty("nonce").GetString()!;
        var proof = new { nonce, signature = device.Key.SignToBase64Url($"PA1-SESSION\n{device.DeviceId}\n{nonce}") };

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostAsJsonAsync($"/v1/devices/{device.DeviceId}/sessions", proof)));
        using var later = await client.PostAsJsonAsync($"/v1/devices/{device.DeviceId}/sessions", proof);

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.True(a.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        Assert.Equal(HttpStatusCode.Unauthorized, later.StatusCode);
        Assert.Equal("session.replay", (await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
