namespace PushAuth.Messaging;

/// <summary>What a sender reports instead of throwing for provider or transport errors.</summary>
/// <param name="Reason">Short and stable: an SMTP status, a Twilio error code, or ours (<c>transport</c>, <c>tls</c>).</param>
/// <param name="ProviderMessageId">Twilio's message sid, or the SMTP server's queue answer.</param>
public sealed record SendResult(SendResultKind Kind, string Reason, string? ProviderMessageId = null, TimeSpan? RetryAfter = null)
{
    public bool IsSent => Kind == SendResultKind.Sent;

    public static SendResult Sent(string? providerMessageId) => new(SendResultKind.Sent, "sent", providerMessageId);
}
