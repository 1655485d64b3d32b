namespace PushAuth.Hosting.Storage;

/// <summary>A stored audit event with its id.</summary>
public sealed record AuditRecord(long Id, AuditEntry Entry);
