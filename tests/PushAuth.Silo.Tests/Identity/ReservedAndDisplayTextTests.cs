using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Abstractions;
using PushAuth.Silo.Bootstrap;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests.Identity;

/// <summary>Ids starting with '_' are reserved (the "_devices" history holds every device's registration), and text a
/// phone shows carries no bidi-override, zero-width or other formatting characters.</summary>
public sealed class ReservedAndDisplayTextTests
{
    [Theory]
    [InlineData("_devices")]
    [InlineData("_anything")]
    public async Task CreateTenant_ReservedId_400AndNoTenant(string tenantId)
    {
        await using var silo = await SiloTestHost.StartSqliteAsync();
        var tenant = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(tenantId);

        var error = await Assert.ThrowsAsync<PushAuthException>(() => tenant.CreateAsync("Sneaky", RequestOrigin.Internal));

        Assert.Equal("tenant.reserved", error.Code);
        Assert.Null(await tenant.GetSettingsAsync());
    }

    [Fact]
    public async Task Bootstrap_ReservedId_UsageErrorExit2()
    {
        using var output = new StringWriter();

        var code = await TenantBootstrap.RunAsync(["bootstrap-tenant", "--tenant", "_devices"], output);

        Assert.Equal(2, code);
        Assert.Contains("reserved", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acme\u202EliaM")]
    [InlineData("Acme\u200BMail")]
    [InlineData("Acme\u2066Mail")]
    [InlineData("Acme\u2028Mail")]
    public async Task CreateChallenge_FormatCharactersInContext_400NamingTheField(string text)
    {
        await using var s = await Scenario.SqliteAsync();
        var phone = await s.DeviceAsync();
        await s.PairAsync(phone, "alice");

        using var service = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = text, action = "Sign in" } });
        using var city = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = "Mail", action = "Sign in", city = text } });

        Assert.Equal(HttpStatusCode.BadRequest, service.StatusCode);
        Assert.Equal("context.service.invalid", (await service.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("context.city.invalid", (await city.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty(await phone.PullAsync());
    }

    [Fact]
    public async Task CreateChallenge_EmojiAndAccents_Accepted()
    {
        await using var s = await Scenario.SqliteAsync();
        await s.PairAsync(await s.DeviceAsync(), "alice");

        using var response = await s.Login.PostAsJsonAsync("/v1/challenges", new { userId = "alice", context = new { service = "Acmé 🚀 Mail", action = "Sign in", city = "Zürich" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
