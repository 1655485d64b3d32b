using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PushAuth.Testing.Messaging;

/// <summary>
/// A real SMTP server in process (the SmtpServer package) on a loopback port: plain, STARTTLS or implicit TLS with a
/// fresh self-signed certificate, optional required authentication, recipients it refuses, and the messages it
/// accepted, parsed with MimeKit.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentQueue<ReceivedMail> _received = new();

    private SmtpTestServer(SmtpTestServerOptions options)
    {
        Options = options;
        Port = FreePort();
        Certificate = options.Tls == SmtpTestTls.None ? null : CreateCertificate();
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b =>
            {
                b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                    .IsSecure(options.Tls == SmtpTestTls.Implicit)
                    .AllowUnsecureAuthentication(options.Tls == SmtpTestTls.None)
                    .AuthenticationRequired(options.UserName is not null);
                if (Certificate is not null)
                {
                    b.Certificate(Certificate);
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(options.RefusedRecipients));
        services.Add(new Authenticator(options.UserName, options.Password));
        var server = new SmtpServer.SmtpServer(serverOptions, services);
        _running = server.StartAsync(_stop.Token);
    }

    public SmtpTestServerOptions Options { get; }

    public int Port { get; }

    /// <summary>The server's self-signed certificate (null for plain SMTP); export it for a trusted-certificate setting.</summary>
    public X509Certificate2? Certificate { get; }

    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    public static async Task<SmtpTestServer> StartAsync(SmtpTestServerOptions? options = null)
    {
        var server = new SmtpTestServer(options ?? new SmtpTestServerOptions());
        // StartAsync binds in the background: wait until the port answers.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Writes the certificate (PEM) to a temporary file and returns its path.</summary>
    public string ExportCertificate()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pushauth-smtp-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, Certificate!.ExportCertificatePem());
        return path;
    }

    /// <summary>Waits for the first message to <paramref name="to"/>.</summary>
    public async Task<ReceivedMail> WaitForAsync(string to, TimeSpan? timeout = null)
    {
        ReceivedMail? mail = null;
        await Eventually.UntilAsync(() => (mail = _received.FirstOrDefault(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase))) is not null,
            timeout ?? TimeSpan.FromSeconds(20), $"a mail to {to}");
        return mail!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        Certificate?.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // SslStream on Linux wants a certificate whose key it can use: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(SmtpServer.ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            server._received.Enqueue(new ReceivedMail(transaction.From.AsAddress(), [.. transaction.To.Select(t => t.AsAddress())],
                context.Authentication.IsAuthenticated ? context.Authentication.User : null, context.EndpointDefinition.IsSecure || context.Pipe.IsSecure, message));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(IReadOnlyList<string> refused) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(SmtpServer.ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(SmtpServer.ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!refused.Contains(to.AsAddress(), StringComparer.OrdinalIgnoreCase));
    }

    private sealed class Authenticator(string? user, string? password) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(SmtpServer.ISessionContext context, string userName, string secret, CancellationToken cancellationToken) =>
            Task.FromResult(user is not null && userName == user && secret == password);
    }
}
