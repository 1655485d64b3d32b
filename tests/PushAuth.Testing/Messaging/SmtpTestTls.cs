namespace PushAuth.Testing.Messaging;

public enum SmtpTestTls
{
    None,
    StartTls,
    Implicit,
}
