namespace PushAuth.Messaging;

/// <summary>
/// One verification message to send. <see cref="Text"/> carries the one-time code and the app link, so senders never
/// log it; <see cref="VerificationId"/> and <see cref="DeviceId"/> are ours (the development inbox files messages by
/// them) and never reach the provider.
/// </summary>
/// <param name="Channel"><see cref="ContactChannels.Email"/> or <see cref="ContactChannels.Sms"/>.</param>
/// <param name="To">The normalized address: an email address or an E.164 number.</param>
/// <param name="Subject">Email subject (null for SMS).</param>
/// <param name="Html">Email HTML alternative (null for SMS).</param>
public sealed record ContactMessage(string Channel, string To, string? Subject, string Text, string? Html, string VerificationId, string DeviceId);
