namespace PushAuth.Messaging;

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpTlsMode
{
    /// <summary>STARTTLS required (port 587): the connection is refused when the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Implicit,

    /// <summary>STARTTLS when offered, plain otherwise. Only for relays on a trusted network.</summary>
    StartTlsWhenAvailable,

    /// <summary>No TLS. Only for a local relay or a development server; credentials would travel in clear.</summary>
    None,
}
