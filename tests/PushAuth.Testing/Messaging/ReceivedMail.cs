using MimeKit;

namespace PushAuth.Testing.Messaging;

/// <summary>A message the test SMTP server accepted: the envelope, who authenticated, whether TLS was on, the parsed message.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string? AuthenticatedUser, bool Secure, MimeMessage Message)
{
    public string Text => Message.TextBody ?? "";
}
