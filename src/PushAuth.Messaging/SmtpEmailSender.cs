using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using PushAuth.Messaging.Internal;
using PushAuth.Diagnostics;

namespace PushAuth.Messaging;

/// <summary>
/// Email over SMTP through MailKit: one connection per message (verification mail is rare and MailKit's client is
/// not thread-safe), TLS as configured, authentication when credentials are set. SMTP replies are classified: 5xx on
/// a recipient is an invalid address, other 4xx/5xx and network failures are transient, rejected credentials or an
/// untrusted certificate need the operator.
/// </summary>
public sealed partial class SmtpEmailSender(SmtpOptions options, ILogger<SmtpEmailSender> logger) : IContactMessageSender
{
    private readonly X509Certificate2? _trusted = options.TrustedServerCertificateFile is { Length: > 0 } file
        ? X509CertificateLoader.LoadCertificateFromFile(file) : null;

    public string Channel => ContactChannels.Email;

    public string Provider => "smtp";

    public async Task<SendResult> SendAsync(ContactMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName, options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject ?? "";
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();

        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds, CheckCertificateRevocation = _trusted is null };
        if (_trusted is not null)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || (certificate is not null && certificate.GetCertHashString() == _trusted.Thumbprint);
        }
        try
        {
            await client.ConnectAsync(options.Host, options.Port, SocketOptions(options.TlsMode), cancellationToken);
            if (options.UserName is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, options.Password ?? "", cancellationToken);
            }
            var answer = await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return SendResult.Sent(answer);
        }
        catch (AuthenticationException ex)
        {
            LogAuthRejected(options.Host, ex.Message);
            return new SendResult(SendResultKind.AuthFailure, "auth");
        }
        catch (SslHandshakeException ex)
        {
            LogTlsFailed(options.Host, ex.Message);
            return new SendResult(SendResultKind.AuthFailure, "tls");
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            var kind = ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted && code >= 500 ? SendResultKind.InvalidRecipient
                : code is >= 400 and < 500 ? SendResultKind.RetryLater
                : ex.ErrorCode == SmtpErrorCode.MessageNotAccepted ? SendResultKind.PermanentFailure
                : SendResultKind.RetryLater;
            LogRefused(Redaction.Address(message.To), code, kind);
            return new SendResult(kind, code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (NotSupportedException ex)
        {
            // STARTTLS required but not offered, or an authentication mechanism we do not have.
            LogTlsFailed(options.Host, ex.Message);
            return new SendResult(SendResultKind.AuthFailure, "tls");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogTransport(options.Host, ex.GetType().Name);
            return new SendResult(SendResultKind.RetryLater, "transport");
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.Implicit => SecureSocketOptions.SslOnConnect,
        SmtpTlsMode.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpTlsMode.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    [LoggerMessage(EventId = LogEvents.SmtpAuthRejected, Level = LogLevel.Critical, Message = "The SMTP server {Host} rejected our credentials ({Error}); verification email fails until they are fixed")]
    private partial void LogAuthRejected(string host, string error);

    [LoggerMessage(EventId = LogEvents.SmtpTlsFailed, Level = LogLevel.Error, Message = "TLS with the SMTP server {Host} failed: {Error}")]
    private partial void LogTlsFailed(string host, string error);

    [LoggerMessage(EventId = LogEvents.SmtpRefused, Level = LogLevel.Warning, Message = "The SMTP server refused mail to {To}: {StatusCode} ({Kind})")]
    private partial void LogRefused(string to, int statusCode, SendResultKind kind);

    [LoggerMessage(EventId = LogEvents.SmtpTransport, Level = LogLevel.Warning, Message = "SMTP to {Host} failed without an answer ({Error})")]
    private partial void LogTransport(string host, string error);
}
