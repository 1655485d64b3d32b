namespace PushAuth.Testing.Messaging;

/// <summary>How the test SMTP server behaves.</summary>
/// <param name="UserName">When set, AUTH is required with these credentials.</param>
/// <param name="RefusedRecipients">Addresses answered with 550 at RCPT TO.</param>
public sealed record SmtpTestServerOptions(SmtpTestTls Tls = SmtpTestTls.None, string? UserName = null, string? Password = null, IReadOnlyList<string>? RefusedRecipientList = null)
{
    public IReadOnlyList<string> RefusedRecipients => RefusedRecipientList ?? [];
}
