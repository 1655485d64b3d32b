using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests.Fcm;

/// <summary>A fake FCM and a sender configured against it; the fake and the sender share one fake clock set to now.</summary>
internal sealed class FcmHarness : IAsyncDisposable
{
    private FcmHarness(FakeFcmServer server, FcmSender sender, FakeTimeProvider time)
    {
        Server = server;
        Sender = sender;
        Time = time;
    }

    public FakeFcmServer Server { get; }

    public FcmSender Sender { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<FcmHarness> StartAsync(Action<FakeFcmServerOptions>? configure = null, string? projectId = null)
    {
        // Google.Apis.Auth signs assertions with the system clock, so the fake clock starts at the real now.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new FakeFcmServerOptions { TimeProvider = time };
        configure?.Invoke(options);
        var server = await FakeFcmServer.StartAsync(options);
        var sender = new FcmSender(
            new FcmOptions { ProjectId = projectId ?? server.ProjectId, ServiceAccountJson = server.ServiceAccountJson, BaseAddress = server.BaseAddress },
            time,
            NullLogger<FcmSender>.Instance);
        return new FcmHarness(server, sender, time);
    }

    public Task<PushResult> SendAsync(string token = TestMessages.AndroidToken) => Sender.SendAsync(TestMessages.Fcm(Time.GetUtcNow(), token));

    public async ValueTask DisposeAsync()
    {
        Sender.Dispose();
        await Server.DisposeAsync();
    }
}
