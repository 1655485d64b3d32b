using PushAuth.History;

namespace PushAuth.Domain.Effects;

/// <summary>
/// The one way a history event is made: a fresh event id, and the request's source address, user agent and trace from
/// its <see cref="RequestOrigin"/>. Callers name only what their event is about; the rest keeps its default.
/// </summary>
public static class HistoryEvents
{
    /// <param name="sourceIp">Overrides the origin's address (a challenge records the address the login service reported
    /// when the call itself came from no client).</param>
    /// <param name="eventId">An id that follows from what happened, for an event that may be recorded twice (the history
    /// keeps one per id); a fresh one otherwise.</param>
    public static HistoryEvent Of(DateTimeOffset at, string tenantId, string? userId, string actor, string activity, string? method, string status,
        RequestOrigin origin, string? deviceId = null, string? remarks = null, string? policy = null, string? correlationId = null, string? sourceIp = null,
        string? city = null, string? country = null, string? eventId = null) =>
        new(eventId ?? EffectIds.New(), at, tenantId, userId, actor, activity, method, status, sourceIp ?? origin.SourceIp, city, country, deviceId, policy, remarks,
            correlationId, origin.TraceId, origin.UserAgent);
}
