using System.Text.Json;
using PushAuth.Abstractions;
using PushAuth.Domain.Effects;
using PushAuth.Grains.History;
using PushAuth.History;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;

namespace PushAuth.Silo.Endpoints;

/// <summary>The identity-verification history for admins: query with filters and a cursor, CSV/JSON export, and the
/// hash-chain check. Needs the ReadHistory permission (Admin, ManageMfa, Auditor), by API key or console session.</summary>
internal static class HistoryEndpoints
{
    private const int ExportPage = 1000;
    private const int MaxExportRows = 1_000_000;

    public static void MapHistoryEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        var history = app.MapGroup("/v1/admin").RequireAdmin(AdminPermission.ReadHistory).WithTags("History");

        history.MapGet("/history", async ([AsParameters] HistoryFilter filter, string? cursor, int? limit, HttpContext http, IHistoryStore store, CancellationToken ct) =>
        {
            if (limit is < 1 or > 1000)
            {
                throw PushAuthException.Invalid("limit.invalid", "'limit' must be 1..1000.");
            }
            var query = filter.ToQuery(http.GetAdmin().TenantId) with { BeforeSequence = HistoryCursor.Decode(cursor), Limit = limit ?? 100 };
            var page = await store.QueryAsync(query, ct);
            return Results.Ok(new
            {
                items = page.Select(HistoryEntryView.Of),
                nextCursor = page.Count == query.Limit ? HistoryCursor.Encode(page[^1].Sequence) : null,
            });
        }).WithName("QueryHistory").WithSummary("The history, newest first: filters userId, method, status, activity, from, to; cursor pagination");

        history.MapGet("/history/export", async ([AsParameters] HistoryFilter filter, string? format, HttpContext http, IHistoryStore store, IGrainFactory grains, TimeProvider time, CancellationToken ct) =>
        {
            if (format is not ("csv" or "json"))
            {
                throw PushAuthException.Invalid("format.invalid", "'format' must be csv or json.");
            }
            var principal = http.GetAdmin();
            var query = filter.ToQuery(principal.TenantId) with { Limit = ExportPage };
            await AuditAsync(http, grains, time, principal, "history.exported", "exported", $"format={format}; {filter}", ct);
            http.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"history-{principal.TenantId}-{time.GetUtcNow():yyyyMMddHHmmss}.{format}\"";
            http.Response.Headers.CacheControl = "no-store";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false), 64 * 1024);
            if (format == "csv")
            {
                await writer.WriteLineAsync(HistoryCsv.Header.AsMemory(), ct);
            }
            else
            {
                await writer.WriteAsync("[".AsMemory(), ct);
            }
            var written = 0;
            while (written < MaxExportRows)
            {
                var page = await store.QueryAsync(query, ct);
                foreach (var record in page)
                {
                    var entry = HistoryEntryView.Of(record);
                    if (format == "csv")
                    {
                        await writer.WriteLineAsync(HistoryCsv.Row(entry).AsMemory(), ct);
                    }
                    else
                    {
                        await writer.WriteAsync(((written == 0 ? "" : ",") + JsonSerializer.Serialize(entry, JsonSerializerOptions.Web)).AsMemory(), ct);
                    }
                    written++;
                }
                if (page.Count < query.Limit)
                {
                    break;
                }
                query = query with { BeforeSequence = page[^1].Sequence };
            }
            if (format == "json")
            {
                await writer.WriteAsync("]".AsMemory(), ct);
            }
            await writer.FlushAsync(ct);
            return Results.Empty;
        }).WithName("ExportHistory").WithSummary("All matching entries as CSV or JSON (newest first), same filters as the query");

        history.MapGet("/history/verify", async (HttpContext http, HistoryIntegrity integrity, IGrainFactory grains, TimeProvider time, CancellationToken ct) =>
        {
            var principal = http.GetAdmin();
            var (result, _) = await integrity.VerifyAsync(principal.TenantId, ct);
            await AuditAsync(http, grains, time, principal, "history.verified", result.IsIntact ? "intact" : "broken",
                result.IsIntact ? $"checked={result.CheckedCount}" : $"firstBadSequence={result.FirstBadSequence}; {result.Problem}", ct);
            return Results.Ok(new
            {
                intact = result.IsIntact, checkedCount = result.CheckedCount, lastSequence = result.LastSequence,
                firstBadSequence = result.FirstBadSequence, problem = result.Problem,
            });
        }).WithName("VerifyHistory").WithSummary("Checks the tenant's keyed chain, its retention cuts and its checkpoint; names the first bad entry");

        // The first, simpler history query (kept for existing callers): action = activity, outcome = status, before = id.
        history.MapGet("/audit", async (string? userId, string? action, long? before, int? limit, HttpContext http, IHistoryStore store, CancellationToken ct) =>
        {
            if (limit is < 1 or > 1000)
            {
                throw PushAuthException.Invalid("limit.invalid", "'limit' must be 1..1000.");
            }
            var records = await store.QueryAsync(new HistoryQuery(http.GetAdmin().TenantId, UserId: userId, Activity: action, BeforeSequence: before, Limit: limit ?? 100), ct);
            return Results.Ok(records.Select(r => new
            {
                id = r.Sequence, r.Event.At, r.Event.UserId, r.Event.Actor, action = r.Event.Activity, r.Event.Method, outcome = r.Event.Status, r.Event.SourceIp,
                r.Event.UserAgent, r.Event.TraceId, details = r.Event.Remarks, r.Event.DeviceId, r.Event.CorrelationId,
            }));
        }).WithName("AuditHistory").WithSummary("The identity-verification history, newest first (page with before=id)");
    }

    /// <summary>An admin's read that leaves a trace (export, chain check), appended directly: it changes no grain state.</summary>
    internal static Task AuditAsync(HttpContext http, IGrainFactory grains, TimeProvider time, AdminPrincipal principal, string activity, string status, string? remarks, CancellationToken ct)
    {
        var origin = IdentityEndpoints.Origin(http);
        var e = new HistoryEvent(EffectIds.New(), time.GetUtcNow(), principal.TenantId, null, principal.Actor, activity, null, status, origin.SourceIp,
            Policy: principal.Role.ToString(), Remarks: remarks is { Length: > 1000 } ? remarks[..1000] : remarks, TraceId: origin.TraceId, UserAgent: origin.UserAgent);
        return grains.GetGrain<ITenantHistoryGrain>(principal.TenantId).AppendAsync([e], ct);
    }
}
