using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Contract;

/// <summary>A bad, read-only or unknown settings value is refused with a 400 naming the field, and nothing is stored
/// (issue 12 item 9).</summary>
public sealed class SettingsInputTests
{
    [Theory]
    [InlineData("{\"displayName\":\"Changed\",\"challengeTtl\":\"abc\"}", "challengeTtl.unknown", "challengeTtl")]
    [InlineData("{\"displayName\":\"Changed\",\"challengeTtl\":\"00:05:00\"}", "challengeTtl.unknown", "challengeTtl")]
    [InlineData("{\"displayName\":\"Changed\",\"recoveryOrDefault\":{}}", "recoveryOrDefault.unknown", "recoveryOrDefault")]
    [InlineData("{\"displayName\":\"Changed\",\"defaultChallengeTtl\":\"abc\"}", "defaultChallengeTtl.invalid", "defaultChallengeTtl")]
    [InlineData("{\"displayName\":\"Changed\",\"numberMatchingDigit\":4}", "numberMatchingDigit.unknown", "numberMatchingDigit")]
    [InlineData("{\"displayName\":\"Changed\",\"recovery\":{\"historyRetentionDay\":1}}", "recovery.historyRetentionDay.unknown", "recovery.historyRetentionDay")]
    [InlineData("{\"displayName\":\"Changed\",\"totpWindow\":\"1\"}", "totpWindow.invalid", "totpWindow")]
    public async Task UpdateSettings_BadReadOnlyOrUnknownValue_400NamingTheFieldAndNothingStored(string body, string code, string field)
    {
        await using var s = await Scenario.SqliteAsync();
        var before = (await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/settings")).GetRawText();

        using var response = await s.Admin.PutAsync("/v1/admin/settings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, (await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/settings")).GetRawText());
    }

    [Fact]
    public async Task UpdateSettings_WhatGetReturns_IsAcceptedBack()
    {
        await using var s = await Scenario.SqliteAsync();
        var current = await s.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/settings");

        using var response = await s.Admin.PutAsync("/v1/admin/settings", new StringContent(current.GetRawText(), Encoding.UTF8, "application/json"));

        Assert.Equal(200, (int)response.StatusCode);
    }
}
