using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace PushAuth.Push.Tests.Dev;

public sealed class DevPushSenderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    private PushMessage Message(string token = "dev-token") =>
        new(Guid.NewGuid().ToString("D"), PushProvider.Dev, token, "android", "challenge", "ch_1", "n1", _time.GetUtcNow().AddMinutes(2));

    [Fact]
    public async Task SendAsync_Message_DeliveredToInbox()
    {
        var inbox = new DevPushInbox();
        var sender = new DevPushSender(inbox, _time, NullLogger<DevPushSender>.Instance);
        var message = Message();

        var result = await sender.SendAsync(message);

        Assert.Equal(PushResultKind.Delivered, result.Kind);
        Assert.Equal("dev/1", result.ProviderMessageId);
        Assert.Equal(message, Assert.Single(inbox.Get("dev-token")));
        Assert.Empty(inbox.Get("other"));
    }

    [Fact]
    public async Task SendAsync_ExpiredMessage_PermanentFailureNotDelivered()
    {
        var inbox = new DevPushInbox();
        var sender = new DevPushSender(inbox, _time, NullLogger<DevPushSender>.Instance);
        var message = Message();
        _time.Advance(TimeSpan.FromMinutes(3));

        var result = await sender.SendAsync(message);

        Assert.Equal(PushReasons.Expired, result.Reason);
        Assert.Empty(inbox.GetAll());
    }

    [Fact]
    public async Task WaitForAsync_MessageArrivesLater_ReturnsIt()
    {
        var inbox = new DevPushInbox();
        var sender = new DevPushSender(inbox, _time, NullLogger<DevPushSender>.Instance);
        var wait = inbox.WaitForAsync("dev-token", m => m.Kind == "pairing", TimeSpan.FromSeconds(10));
        await sender.SendAsync(Message());
        Assert.False(wait.IsCompleted);

        var pairing = Message() with { Kind = "pairing" };
        await sender.SendAsync(pairing);

        Assert.Equal(pairing, await wait);
    }

    [Fact]
    public async Task WaitForAsync_AlreadyDelivered_ReturnsImmediately()
    {
        var inbox = new DevPushInbox();
        var message = Message();
        inbox.Add(message);

        Assert.Equal(message, await inbox.WaitForAsync("dev-token", null, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task WaitForAsync_NothingArrives_NullAfterTimeout()
    {
        var inbox = new DevPushInbox();

        var result = await inbox.WaitForAsync("dev-token", null, TimeSpan.FromMilliseconds(50));

        Assert.Null(result);
    }

    [Fact]
    public void Add_OverCapacity_DropsOldest()
    {
        var inbox = new DevPushInbox(capacity: 3);
        var messages = Enumerable.Range(0, 5).Select(i => Message() with { ReferenceId = "r" + i }).ToList();

        messages.ForEach(inbox.Add);

        Assert.Equal(["r2", "r3", "r4"], inbox.GetAll().Select(m => m.ReferenceId));
        Assert.Equal(5, inbox.TotalDelivered);
    }
}
