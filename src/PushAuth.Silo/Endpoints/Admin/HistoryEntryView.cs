using PushAuth.History;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>One history entry as the admin API and the exports show it; <see cref="Sequence"/> is its place in the
/// tenant's chain and <see cref="Hash"/> its chain hash (hex).</summary>
public sealed record HistoryEntryView(
    long Sequence, DateTimeOffset At, string? UserId, string Activity, string? Method, string Status, string? SourceIp, string? City, string? Country,
    string? DeviceId, string? Policy, string? Remarks, string? CorrelationId, string? TraceId, string? UserAgent, string Actor, string Hash)
{
    public static HistoryEntryView Of(HistoryRecord r) => new(r.Sequence, r.Event.At, r.Event.UserId, r.Event.Activity, r.Event.Method, r.Event.Status,
        r.Event.SourceIp, r.Event.City, r.Event.Country, r.Event.DeviceId, r.Event.Policy, r.Event.Remarks, r.Event.CorrelationId, r.Event.TraceId,
        r.Event.UserAgent, r.Event.Actor, Convert.ToHexStringLower(r.Hash));
}
