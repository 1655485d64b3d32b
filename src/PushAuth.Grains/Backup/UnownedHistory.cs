using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PushAuth.Grains.Audit;
using PushAuth.History;

namespace PushAuth.Grains.Backup;

/// <summary>Appends events about attempts that changed nothing, so no write carries them (best effort, like the user
/// grain's rejected attempts): a refused code, a probe of an unknown backup, a restore refused. Bounded as unknown-user
/// probes are: the first <see cref="Individually"/> of a kind (tenant, user, activity, status) per window are appended
/// one by one, the rest are counted in the silo's <see cref="AttemptLedger"/> and reported as one aggregated event.</summary>
internal static partial class UnownedHistory
{
    /// <summary>Attempts of one kind per aggregation window recorded one by one.</summary>
    public const int Individually = 5;

    public static void Append(IGrainFactory grains, IServiceProvider services, ILogger logger, IReadOnlyList<HistoryEvent> events)
    {
        var ledger = services.GetRequiredService<AttemptLedger>();
        var admitted = events.Where(e => ledger.Admit(e.TenantId, e.UserId, e.Activity, e.Method, e.Status, new RequestOrigin(e.SourceIp, e.UserAgent, e.TraceId), Individually));
        foreach (var group in admitted.GroupBy(e => e.TenantId, StringComparer.Ordinal))
        {
            var batch = group.ToList();
            _ = grains.GetGrain<ITenantHistoryGrain>(group.Key).AppendAsync(batch).ContinueWith(
                t => LogFailed(logger, t.Exception!, batch[0].Activity), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Current);
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "A history event ({Activity}) for a refused attempt could not be appended")]
    private static partial void LogFailed(ILogger logger, Exception exception, string activity);
}
