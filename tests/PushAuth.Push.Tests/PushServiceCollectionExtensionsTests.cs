using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests;

public sealed class PushServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddPushSenders_NoProviderSections_OnlyDevSender()
    {
        using var provider = new ServiceCollection().AddPushSenders(Section([])).BuildServiceProvider();

        var senders = provider.GetRequiredService<PushSenders>();
        var result = await senders.SendAsync(new PushMessage("m1", PushProvider.Fcm, "t", "android", "challenge", "r", "n", DateTimeOffset.UtcNow.AddMinutes(1)));

        Assert.Equal([PushProvider.Dev], senders.Providers);
        Assert.Equal(PushResultKind.PermanentFailure, result.Kind);
        Assert.Same(provider.GetRequiredService<DevPushSender>().Inbox, provider.GetRequiredService<DevPushInbox>());
    }

    [Fact]
    public async Task AddPushSenders_InvalidFcmSection_HostFailsAtStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPushSenders(Section(new() { ["Fcm:ProjectId"] = "p" }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("ServiceAccount", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddPushSenders_InvalidApnsKey_HostFailsAtStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPushSenders(Section(new() { ["Apns:TeamId"] = "T", ["Apns:KeyId"] = "K", ["Apns:BundleId"] = "b", ["Apns:PrivateKeyPem"] = "not a key" }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("private key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddPushSenders_FakeCredentials_AllThreeSendersDeliver()
    {
        await using var fcm = await FakeFcmServer.StartAsync();
        await using var apns = await FakeApnsServer.StartAsync();
        var certificateFile = Path.Combine(Path.GetTempPath(), $"apns-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(certificateFile, apns.CertificatePem);
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddPushSenders(Section(new()
            {
                ["Fcm:ProjectId"] = fcm.ProjectId,
                ["Fcm:ServiceAccountJson"] = fcm.ServiceAccountJson,
                ["Fcm:BaseAddress"] = fcm.BaseAddress.AbsoluteUri,
                ["Apns:TeamId"] = apns.TeamId,
                ["Apns:KeyId"] = apns.KeyId,
                ["Apns:PrivateKeyPem"] = apns.SigningKeyPem,
                ["Apns:BundleId"] = apns.BundleId,
                ["Apns:BaseAddress"] = apns.BaseAddress.AbsoluteUri,
                ["Apns:TrustedServerCertificateFile"] = certificateFile,
            }));
            using var host = builder.Build();
            await host.StartAsync();
            var senders = host.Services.GetRequiredService<PushSenders>();
            var now = DateTimeOffset.UtcNow;

            var results = new[]
            {
                await senders.SendAsync(TestMessages.Fcm(now)),
                await senders.SendAsync(TestMessages.Apns(now)),
                await senders.SendAsync(TestMessages.Fcm(now) with { Provider = PushProvider.Dev }),
            };

            Assert.All(results, r => Assert.Equal(PushResultKind.Delivered, r.Kind));
            Assert.Equal(3, senders.Providers.Count);
            Assert.Equal(1, fcm.Inbox.TotalCount);
            Assert.Equal(1, apns.Inbox.TotalCount);
            await host.StopAsync();
        }
        finally
        {
            File.Delete(certificateFile);
        }
    }

    private static IConfiguration Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(kv => "Push:" + kv.Key, kv => kv.Value)).Build().GetSection("Push");
}
