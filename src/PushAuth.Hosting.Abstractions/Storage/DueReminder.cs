namespace PushAuth.Hosting.Storage;

/// <summary>A reminder claimed for firing.</summary>
public sealed record DueReminder(GrainId GrainId, string Name, DateTimeOffset DueAt, string ClaimedBy);
