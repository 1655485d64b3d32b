namespace PushAuth.Hosting.Storage;

/// <summary>Registers (or moves) a reminder when <see cref="DueAt"/> is set, removes it when null.</summary>
public sealed record ReminderChange(string Name, DateTimeOffset? DueAt);
