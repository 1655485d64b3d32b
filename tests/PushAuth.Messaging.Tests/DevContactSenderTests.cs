namespace PushAuth.Messaging.Tests;

public sealed class DevContactSenderTests
{
    [Fact]
    public async Task Send_KeepsMessageForItsDevice_LogsNeitherCodeNorLink()
    {
        var inbox = new DevContactInbox();
        var logger = new ListLogger<DevContactSender>();
        var sender = new DevContactSender(ContactChannels.Email, inbox, TimeProvider.System, logger);

        var result = await sender.SendAsync(new ContactMessage(ContactChannels.Email, "alice@example.com", "s", "code 654321 https://x/app#t=tok", null, "cv_1", "dv_1"));

        Assert.True(result.IsSent);
        Assert.Equal("code 654321 https://x/app#t=tok", Assert.Single(inbox.ForDevice("dv_1")).Message.Text);
        Assert.Empty(inbox.ForDevice("dv_2"));
        var line = Assert.Single(logger.Lines);
        Assert.DoesNotContain("654321", line, StringComparison.Ordinal);
        Assert.DoesNotContain("tok", line, StringComparison.Ordinal);
        Assert.DoesNotContain("alice@", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Inbox_OverCapacity_KeepsNewest()
    {
        var inbox = new DevContactInbox(capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            inbox.Add(new ContactMessage(ContactChannels.Sms, "+15551230001", null, $"m{i}", null, "cv", "dv"), DateTimeOffset.UtcNow);
        }

        Assert.Equal(["m4", "m3", "m2"], inbox.ForDevice("dv").Select(m => m.Message.Text));
    }

    [Fact]
    public void Messengers_RealSenderConfigured_PreferredOverSink()
    {
        var inbox = new DevContactInbox();
        var devEmail = new DevContactSender(ContactChannels.Email, inbox, TimeProvider.System, new ListLogger<DevContactSender>());
        var devSms = new DevContactSender(ContactChannels.Sms, inbox, TimeProvider.System, new ListLogger<DevContactSender>());
        var smtp = new SmtpEmailSender(new SmtpOptions { Host = "h", From = "a@b.example" }, new ListLogger<SmtpEmailSender>());

        var messengers = new ContactMessengers([devEmail, devSms, smtp]);

        Assert.Same(smtp, messengers.For(ContactChannels.Email));
        Assert.Same(devSms, messengers.For(ContactChannels.Sms));
        Assert.True(messengers.UsesDevelopmentSink);
        Assert.False(new ContactMessengers([smtp]).UsesDevelopmentSink);
    }
}
