namespace PushAuth.Messaging;

/// <summary>A message the development sinks kept.</summary>
public sealed record DevContactMessage(long Sequence, DateTimeOffset At, ContactMessage Message);
