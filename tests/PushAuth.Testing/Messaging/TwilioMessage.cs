namespace PushAuth.Testing.Messaging;

/// <summary>An SMS the fake accepted; <see cref="AuthenticatedAs"/> is the account or API key sid of the request.</summary>
public sealed record TwilioMessage(string Sid, string To, string? From, string? MessagingServiceSid, string Body, string AuthenticatedAs, DateTimeOffset At);
