using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PushAuth.Diagnostics;

namespace PushAuth.Grains.Audit;

/// <summary>Appends the ledger's aggregated events to each tenant's history when their window ends, and what is left when the silo stops.</summary>
internal partial class AttemptLedgerReporter(AttemptLedger ledger, IGrainFactory grains, IOptions<AuditAggregationOptions> options, TimeProvider time,
    ILogger<AttemptLedgerReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A few passes per window, so an aggregate is in the history soon after its window ends.
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, options.Value.AggregationWindow.Ticks / 4));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReportAsync(all: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await ReportAsync(all: true, cancellationToken);
    }

    private async Task ReportAsync(bool all, CancellationToken cancellationToken)
    {
        foreach (var tenant in ledger.TakeEnded(all).GroupBy(e => e.TenantId, StringComparer.Ordinal))
        {
            try
            {
                await grains.GetGrain<ITenantHistoryGrain>(tenant.Key).AppendAsync([.. tenant], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReportFailed(ex, tenant.Key, tenant.Count());
            }
        }
    }

    [LoggerMessage(EventId = LogEvents.AggregatedAttemptsDropped, Level = LogLevel.Warning, Message = "Aggregated attempt events of tenant {TenantId} ({Count}) could not be appended; they are dropped")]
    private partial void LogReportFailed(Exception exception, string tenantId, int count);
}
