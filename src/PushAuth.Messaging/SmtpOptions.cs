namespace PushAuth.Messaging;

/// <summary>Bound from <c>PushAuth:Contact:Email:Smtp</c>; its presence turns the SMTP sender on.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    /// <summary>587 for STARTTLS, 465 for implicit TLS, 25 for a local relay.</summary>
    public int Port { get; set; } = 587;

    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.StartTls;

    /// <summary>Unset: no authentication (a relay that trusts the network).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address, e.g. <c>no-reply@auth.example.com</c>.</summary>
    public string From { get; set; } = "";

    public string FromName { get; set; } = "PushAuth";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A PEM or DER certificate to trust as the server's (a private relay's self-signed certificate); the
    /// system's trust store decides otherwise.</summary>
    public string? TrustedServerCertificateFile { get; set; }
}
