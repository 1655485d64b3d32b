using Microsoft.Extensions.Logging;
using PushAuth.Diagnostics;
using PushAuth.History;

namespace PushAuth.Grains.Audit;

/// <summary>
/// History events that no state write carries: attempts refused without changing anything (a bad proof, an unknown
/// phrase, a wrong answer) and an admin's reads that must leave a trace (an export, a chain check). Decisions that change
/// state owe their events in the same write instead (owed effects). Refused attempts are bounded: the first
/// <c>individually</c> of a kind (tenant, user, activity, status) per window are appended one by one, the rest counted
/// in the silo's <see cref="AttemptLedger"/> and reported as one aggregated event, so a probe never buys a write.
/// </summary>
internal sealed partial class AuditTrail(IGrainFactory grains, AttemptLedger ledger, ILogger<AuditTrail> logger)
{
    /// <summary>Attempts of one kind per aggregation window recorded one by one, unless a caller says otherwise.</summary>
    public const int Individually = 5;

    /// <summary>Appends <paramref name="e"/> and waits for it.</summary>
    public Task RecordAsync(HistoryEvent e, CancellationToken cancellationToken) =>
        grains.GetGrain<ITenantHistoryGrain>(e.TenantId).AppendAsync([e], cancellationToken);

    /// <summary>A refused attempt, waited for when it is recorded one by one (counted for the aggregate otherwise).</summary>
    public Task RefusedAsync(HistoryEvent e, CancellationToken cancellationToken, int individually = Individually) =>
        Admit(e, individually) ? RecordAsync(e, cancellationToken) : Task.CompletedTask;

    /// <summary>Refused attempts recorded from inside a grain's turn: best effort, not waited for (a failure is logged).</summary>
    public void Refused(IEnumerable<HistoryEvent> events, int individually = Individually)
    {
        foreach (var group in events.Where(e => Admit(e, individually)).GroupBy(e => e.TenantId, StringComparer.Ordinal))
        {
            var batch = group.ToList();
            _ = grains.GetGrain<ITenantHistoryGrain>(group.Key).AppendAsync(batch).ContinueWith(
                t => LogFailed(t.Exception!, batch[0].Activity), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Current);
        }
    }

    /// <summary>An action that changed nothing but is recorded each time (an admin expiring codes there were none of),
    /// from inside a grain's turn: best effort, not waited for.</summary>
    public void Record(HistoryEvent e) => Refused([e], int.MaxValue);

    /// <summary>A refused attempt that is only counted, for the aggregated event of its window (probes of unknown users).</summary>
    public void Count(string tenantId, string? userId, string activity, string method, string status, RequestOrigin origin) =>
        ledger.Admit(tenantId, userId, activity, method, status, origin);

    private bool Admit(HistoryEvent e, int individually) =>
        ledger.Admit(e.TenantId, e.UserId, e.Activity, e.Method, e.Status, new RequestOrigin(e.SourceIp, e.UserAgent, e.TraceId), individually);

    [LoggerMessage(EventId = LogEvents.RefusedAttemptAppendFailed, Level = LogLevel.Warning, Message = "A history event ({Activity}) for a refused attempt could not be appended")]
    private partial void LogFailed(Exception exception, string activity);
}
