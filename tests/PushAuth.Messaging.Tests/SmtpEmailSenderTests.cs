using PushAuth.Testing.Messaging;

namespace PushAuth.Messaging.Tests;

/// <summary>The SMTP sender against a real SMTP server in process: each TLS mode, authentication, refusals.</summary>
public sealed class SmtpEmailSenderTests
{
    private static ContactMessage Message(string to = "alice@example.com") =>
        new(ContactChannels.Email, to, "Verify your email", "Your code is 123456.\nhttps://auth.example.com/app/verify-contact#t=abc", "<p>Your code is <b>123456</b></p>", "cv_1", "dv_1");

    private static SmtpEmailSender Sender(SmtpTestServer server, SmtpTlsMode mode, string? user = null, string? password = null, string? trusted = null, ListLogger<SmtpEmailSender>? logger = null) =>
        new(new SmtpOptions
        {
            Host = "localhost", Port = server.Port, TlsMode = mode, UserName = user, Password = password, From = "no-reply@auth.example.com",
            Timeout = TimeSpan.FromSeconds(10), TrustedServerCertificateFile = trusted,
        }, logger ?? new ListLogger<SmtpEmailSender>());

    [Fact]
    public async Task Send_PlainWithCredentials_DeliversTextAndHtml()
    {
        await using var server = await SmtpTestServer.StartAsync(new SmtpTestServerOptions(UserName: "relay", Password: "s3cret"));

        var result = await Sender(server, SmtpTlsMode.None, "relay", "s3cret").SendAsync(Message());

        Assert.Equal(SendResultKind.Sent, result.Kind);
        var mail = Assert.Single(server.Received);
        Assert.Equal(["alice@example.com"], mail.To);
        Assert.Equal("no-reply@auth.example.com", mail.From);
        Assert.Equal("relay", mail.AuthenticatedUser);
        Assert.Equal("Verify your email", mail.Message.Subject);
        Assert.Contains("123456", mail.Text, StringComparison.Ordinal);
        Assert.Contains("#t=abc", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<b>123456</b>", mail.Message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_StartTlsWithTrustedCertificate_DeliversOverTls()
    {
        await using var server = await SmtpTestServer.StartAsync(new SmtpTestServerOptions(SmtpTestTls.StartTls, "relay", "s3cret"));

        var result = await Sender(server, SmtpTlsMode.StartTls, "relay", "s3cret", server.ExportCertificate()).SendAsync(Message());

        Assert.Equal(SendResultKind.Sent, result.Kind);
        Assert.True(Assert.Single(server.Received).Secure);
    }

    [Fact]
    public async Task Send_ImplicitTls_DeliversOverTls()
    {
        await using var server = await SmtpTestServer.StartAsync(new SmtpTestServerOptions(SmtpTestTls.Implicit));

        var result = await Sender(server, SmtpTlsMode.Implicit, trusted: server.ExportCertificate()).SendAsync(Message());

        Assert.Equal(SendResultKind.Sent, result.Kind);
        Assert.True(Assert.Single(server.Received).Secure);
    }

    [Fact]
    public async Task Send_StartTlsRequiredButNotOffered_TlsFailureNothingSent()
    {
        await using var server = await SmtpTestServer.StartAsync();

        var result = await Sender(server, SmtpTlsMode.StartTls).SendAsync(Message());

        Assert.Equal((SendResultKind.AuthFailure, "tls"), (result.Kind, result.Reason));
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Send_UntrustedCertificate_TlsFailure()
    {
        await using var server = await SmtpTestServer.StartAsync(new SmtpTestServerOptions(SmtpTestTls.StartTls));

        var result = await Sender(server, SmtpTlsMode.StartTls).SendAsync(Message());

        Assert.Equal((SendResultKind.AuthFailure, "tls"), (result.Kind, result.Reason));
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Send_WrongPassword_AuthFailureLoggedWithoutSecrets()
    {
        await using var server = await SmtpTestServer.StartAsync(new SmtpTestServerOptions(UserName: "relay", Password: "s3cret"));
        var logger = new ListLogger<SmtpEmailSender>();

        var result = await Sender(server, SmtpTlsMode.None, "relay", "wrong", logger: logger).SendAsync(Message());

        Assert.Equal((SendResultKind.AuthFailure, "auth"), (result.Kind, result.Reason));
        Assert.Empty(server.Received);
        Assert.Contains(logger.Lines, l => l.StartsWith("Critical 5101", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains("wrong", StringComparison.Ordinal) || l.Contains("123456", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_RecipientRefused_InvalidRecipient()
    {
        await using var server = await SmtpTestServer.StartAsync(new SmtpTestServerOptions(RefusedRecipientList: ["nobody@example.com"]));
        var logger = new ListLogger<SmtpEmailSender>();

        var result = await Sender(server, SmtpTlsMode.None, logger: logger).SendAsync(Message("nobody@example.com"));

        Assert.Equal(SendResultKind.InvalidRecipient, result.Kind);
        Assert.StartsWith("55", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(logger.Lines, l => l.Contains("nobody@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_NoServerListening_RetryLater()
    {
        int port;
        await using (var server = await SmtpTestServer.StartAsync())
        {
            port = server.Port;
        }
        var sender = new SmtpEmailSender(new SmtpOptions { Host = "127.0.0.1", Port = port, TlsMode = SmtpTlsMode.None, From = "a@b.example", Timeout = TimeSpan.FromSeconds(5) },
            new ListLogger<SmtpEmailSender>());

        var result = await sender.SendAsync(Message());

        Assert.Equal((SendResultKind.RetryLater, "transport"), (result.Kind, result.Reason));
    }

    [Fact]
    public void Validate_MissingHostBadFromPasswordlessUser_AllNamed()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = "", From = "not-an-address", UserName = "u", Port = 0 });

        Assert.True(result.Failed);
        foreach (var key in new[] { "Smtp:Host", "Smtp:From", "Smtp:Password", "Smtp:Port" })
        {
            Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
