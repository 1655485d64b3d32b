using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PushAuth.Push.Fakes;

namespace PushAuth.Push.Tests.Apns;

/// <summary>A fake APNs (TLS, HTTP/2) and a sender configured against it, by default sharing one fake clock.</summary>
internal sealed class ApnsHarness : IAsyncDisposable
{
    private ApnsHarness(FakeApnsServer server, ApnsSender sender, FakeTimeProvider serverTime, FakeTimeProvider senderTime)
    {
        Server = server;
        Sender = sender;
        ServerTime = serverTime;
        SenderTime = senderTime;
    }

    public FakeApnsServer Server { get; }

    public ApnsSender Sender { get; }

    public FakeTimeProvider ServerTime { get; }

    public FakeTimeProvider SenderTime { get; }

    public static async Task<ApnsHarness> StartAsync(TimeSpan? senderClockOffset = null, Action<ApnsOptions>? configure = null)
    {
        var serverTime = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var senderTime = senderClockOffset is { } offset ? new FakeTimeProvider(serverTime.GetUtcNow() + offset) : serverTime;
        var server = await FakeApnsServer.StartAsync(new FakeApnsServerOptions { TimeProvider = serverTime });
        var options = new ApnsOptions
        {
            TeamId = server.TeamId,
            KeyId = server.KeyId,
            PrivateKeyPem = server.SigningKeyPem,
            BundleId = server.BundleId,
            BaseAddress = server.BaseAddress,
            ServerCertificateValidation = server.CertificateValidationCallback,
        };
        configure?.Invoke(options);
        return new ApnsHarness(server, new ApnsSender(options, senderTime, NullLogger<ApnsSender>.Instance), serverTime, senderTime);
    }

    public Task<PushResult> SendAsync(string token = TestMessages.IosToken) => Sender.SendAsync(TestMessages.Apns(SenderTime.GetUtcNow(), token));

    /// <summary>Moves both clocks.</summary>
    public void Advance(TimeSpan delta)
    {
        ServerTime.Advance(delta);
        if (!ReferenceEquals(ServerTime, SenderTime))
        {
            SenderTime.Advance(delta);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Sender.Dispose();
        await Server.DisposeAsync();
    }
}
