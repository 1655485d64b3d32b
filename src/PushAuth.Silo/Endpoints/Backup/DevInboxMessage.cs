namespace PushAuth.Silo.Endpoints.Backup;

/// <summary>A message the development sinks kept, as the device's inbox shows it.</summary>
public sealed record DevInboxMessage(DateTimeOffset At, string Channel, string To, string? Subject, string Text, string VerificationId);
