namespace PushAuth.Hosting;

/// <summary>One audit event: who did what, how, with what outcome, from where, when, under which trace.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string TenantId,
    string? UserId,
    string Actor,
    string Action,
    string? Method,
    string Outcome,
    string? SourceIp = null,
    string? UserAgent = null,
    string? TraceId = null,
    string? Details = null);
