namespace PushAuth.Messaging;

/// <summary>Sends verification messages over one channel; returns a classified result instead of throwing for
/// provider and transport errors.</summary>
public interface IContactMessageSender
{
    /// <summary><see cref="ContactChannels.Email"/> or <see cref="ContactChannels.Sms"/>.</summary>
    string Channel { get; }

    /// <summary>The provider's name for logs and metrics: <c>smtp</c>, <c>twilio</c>, <c>dev</c>.</summary>
    string Provider { get; }

    Task<SendResult> SendAsync(ContactMessage message, CancellationToken cancellationToken = default);
}
