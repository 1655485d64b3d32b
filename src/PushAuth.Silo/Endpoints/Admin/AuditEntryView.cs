using PushAuth.History;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>An entry as the first history endpoint (<c>/v1/admin/audit</c>) shows it: action = activity, outcome = status, id = sequence.</summary>
public sealed record AuditEntryView(long Id, DateTimeOffset At, string? UserId, string Actor, string Action, string? Method, string Outcome, string? SourceIp,
    string? UserAgent, string? TraceId, string? Details, string? DeviceId, string? CorrelationId)
{
    public static AuditEntryView Of(HistoryRecord r) => new(r.Sequence, r.Event.At, r.Event.UserId, r.Event.Actor, r.Event.Activity, r.Event.Method, r.Event.Status,
        r.Event.SourceIp, r.Event.UserAgent, r.Event.TraceId, r.Event.Remarks, r.Event.DeviceId, r.Event.CorrelationId);
}
