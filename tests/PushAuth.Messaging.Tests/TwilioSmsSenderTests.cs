using PushAuth.Testing.Messaging;

namespace PushAuth.Messaging.Tests;

/// <summary>The Twilio SDK against the fake Messages endpoint over real HTTP: what it sends, what it understands back.</summary>
public sealed class TwilioSmsSenderTests
{
    private static ContactMessage Message(string to = "+15551230001") =>
        new(ContactChannels.Sms, to, null, "PushAuth code 123456. Or tap https://auth.example.com/app/verify-contact#t=abc", null, "cv_1", "dv_1");

    private static TwilioSmsSender Sender(FakeTwilioServer fake, string? token = FakeTwilioServer.AuthToken, bool apiKey = false, bool service = false, ListLogger<TwilioSmsSender>? logger = null) =>
        new(new TwilioOptions
        {
            AccountSid = FakeTwilioServer.AccountSid, AuthToken = apiKey ? null : token,
            ApiKeySid = apiKey ? FakeTwilioServer.ApiKeySid : null, ApiKeySecret = apiKey ? FakeTwilioServer.ApiKeySecret : null,
            From = service ? null : FakeTwilioServer.FromNumber, MessagingServiceSid = service ? FakeTwilioServer.MessagingServiceSid : null,
            BaseAddress = fake.BaseAddress, Timeout = TimeSpan.FromSeconds(10),
        }, logger ?? new ListLogger<TwilioSmsSender>());

    [Fact]
    public async Task Send_AccountToken_201WithMessageSid()
    {
        await using var fake = await FakeTwilioServer.StartAsync();
        using var sender = Sender(fake);

        var result = await sender.SendAsync(Message());

        Assert.Equal(SendResultKind.Sent, result.Kind);
        var sms = Assert.Single(fake.Messages);
        Assert.Equal(sms.Sid, result.ProviderMessageId);
        Assert.StartsWith("SM", sms.Sid, StringComparison.Ordinal);
        Assert.Equal(("+15551230001", FakeTwilioServer.FromNumber, FakeTwilioServer.AccountSid), (sms.To, sms.From, sms.AuthenticatedAs));
        Assert.Equal(Message().Text, sms.Body);
    }

    [Fact]
    public async Task Send_ApiKeyAndMessagingService_AuthenticatesAsTheKey()
    {
        await using var fake = await FakeTwilioServer.StartAsync();
        using var sender = Sender(fake, apiKey: true, service: true);

        var result = await sender.SendAsync(Message());

        Assert.True(result.IsSent);
        var sms = Assert.Single(fake.Messages);
        Assert.Equal((FakeTwilioServer.ApiKeySid, FakeTwilioServer.MessagingServiceSid, (string?)null), (sms.AuthenticatedAs, sms.MessagingServiceSid, sms.From));
    }

    [Theory]
    [InlineData("+15005550001", "21211")]
    [InlineData("+15005550002", "21612")]
    [InlineData("+15005550003", "21408")]
    [InlineData("+15005550004", "21610")]
    [InlineData("+15005550009", "21614")]
    public async Task Send_MagicUndeliverableNumbers_InvalidRecipient(string to, string code)
    {
        await using var fake = await FakeTwilioServer.StartAsync();
        using var sender = Sender(fake);

        var result = await sender.SendAsync(Message(to));

        Assert.Equal((SendResultKind.InvalidRecipient, code), (result.Kind, result.Reason));
        Assert.Empty(fake.Messages);
    }

    [Fact]
    public async Task Send_WrongAuthToken_AuthFailureLoggedCriticalWithoutSecrets()
    {
        await using var fake = await FakeTwilioServer.StartAsync();
        var logger = new ListLogger<TwilioSmsSender>();
        using var sender = Sender(fake, token: "wrong-token", logger: logger);

        var result = await sender.SendAsync(Message());

        Assert.Equal((SendResultKind.AuthFailure, "20003"), (result.Kind, result.Reason));
        Assert.Contains(logger.Lines, l => l.StartsWith("Critical 5113", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains("123456", StringComparison.Ordinal) || l.Contains("wrong-token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(429, 20429, SendResultKind.RetryLater)]
    [InlineData(500, 20500, SendResultKind.RetryLater)]
    [InlineData(503, 20503, SendResultKind.RetryLater)]
    [InlineData(400, 21617, SendResultKind.PermanentFailure)]
    public async Task Send_ScriptedErrorDocuments_Classified(int status, int code, SendResultKind expected)
    {
        await using var fake = await FakeTwilioServer.StartAsync();
        fake.FailNext(status, code, "scripted");
        using var sender = Sender(fake);

        var result = await sender.SendAsync(Message());

        Assert.Equal((expected, code.ToString(System.Globalization.CultureInfo.InvariantCulture)), (result.Kind, result.Reason));
        Assert.True((await sender.SendAsync(Message())).IsSent);
    }

    [Fact]
    public async Task Send_ServerGone_RetryLaterTransport()
    {
        var fake = await FakeTwilioServer.StartAsync();
        using var sender = Sender(fake);
        await fake.DisposeAsync();

        var result = await sender.SendAsync(Message());

        Assert.Equal((SendResultKind.RetryLater, "transport"), (result.Kind, result.Reason));
    }

    [Fact]
    public void Validate_BothFromAndServiceBadSids_AllNamed()
    {
        var result = new TwilioOptionsValidator().Validate(null, new TwilioOptions
        {
            AccountSid = "AC123", From = "+15551230001", MessagingServiceSid = "MG0", AuthToken = null,
        });

        Assert.True(result.Failed);
        foreach (var key in new[] { "AccountSid", "AuthToken", "exactly one of From" })
        {
            Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
