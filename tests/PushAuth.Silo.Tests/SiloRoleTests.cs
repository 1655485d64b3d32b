using System.Net;
using System.Net.Http.Json;
using PushAuth.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Push;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests;

/// <summary>A two-silo cluster with one API silo and one gateway silo: devices are served, and pushes sent, only by the
/// gateway; the API silo takes login services and admins; an approval crosses both.</summary>
public sealed class SiloRoleTests
{
    [Fact]
    public async Task ApiAndGatewaySilos_DevicesAndPushesOnlyOnGateway_ApprovalCrossesBoth()
    {
        await using var s = await Scenario.PostgresWithRolesAsync(["Api", "Gateway"]);
        var api = s.Silos[0];
        var gateway = s.Silos[1];
        using (var deviceOnApi = await s.Client(0, null).PostAsync("/v1/devices", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, deviceOnApi.StatusCode);
        }
        using (var loginOnGateway = await s.LoginOn(1).GetAsync("/v1/users/alice/methods"))
        {
            Assert.Equal(HttpStatusCode.NotFound, loginOnGateway.StatusCode);
        }
        var phone = await s.DeviceAsync(silo: 1);
        await s.PairAsync(phone, "alice");

        var created = await s.CreateChallengeAsync("alice");
        var id = created.GetProperty("challengeId").GetString()!;

        // The push left from the gateway silo: the device grain can only live there.
        var pushed = await gateway.Services.GetRequiredService<DevPushInbox>().WaitForAsync(phone.DeviceId!, m => m.ReferenceId == id, TimeSpan.FromSeconds(20));
        Assert.NotNull(pushed);
        Assert.Empty(api.Services.GetRequiredService<DevPushInbox>().Get(phone.DeviceId!));
        var pending = Assert.Single(await phone.PullAsync());
        using (var answered = await phone.AnswerAsync(pending, approve: true, number: created.GetProperty("numberMatch").GetString()))
        {
            answered.EnsureSuccessStatusCode();
        }
        var view = await s.Login.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/challenges/{id}?wait=10");
        Assert.Equal("Approved", view.GetProperty("status").GetString());
        var placed = await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0)
            .GetActivationAddress(api.Services.GetRequiredService<IGrainFactory>().GetGrain<IDeviceGrain>(phone.DeviceId!));
        Assert.Equal(gateway.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress, placed);
    }
}
