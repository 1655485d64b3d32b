using System.Text.Json;
using PushAuth.History;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>The identity-verification history for admins: query with filters and a cursor, CSV/JSON export, and the
/// chain check. Needs the ReadHistory permission (Admin, ManageMfa, Auditor), by API key or console session.</summary>
internal static class HistoryEndpoints
{
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
            var size = Limit(limit);
            var query = filter.ToQuery(http.GetAdmin().TenantId) with { BeforeSequence = HistoryCursor.Decode(cursor), Limit = size };
            var page = await store.QueryAsync(query, ct);
            return TypedResults.Ok(new HistoryPage([.. page.Select(HistoryEntryView.Of)], page.Count == query.Limit ? HistoryCursor.Encode(page[^1].Sequence) : null));
        }).WithName("QueryHistory").WithSummary("The history, newest first: filters userId, method, status, activity, from, to; cursor pagination");

        history.MapGet("/history/export", async ([AsParameters] HistoryFilter filter, string? format, HttpContext http, IHistoryService histories, TimeProvider time,
            CancellationToken ct) =>
        {
            if (format is not ("csv" or "json"))
            {
                throw ProblemCodes.History.FormatInvalid.Error("'format' must be csv or json.");
            }
            var principal = http.GetAdmin();
            var records = await histories.ExportAsync(principal.AsCaller(), filter.ToQuery(principal.TenantId), MaxExportRows, $"format={format}; {filter}", http.Origin(), ct);
            http.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"history-{principal.TenantId}-{time.GetUtcNow():yyyyMMddHHmmss}.{format}\"";
            http.Response.Headers.CacheControl = "no-store";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false), 64 * 1024);
            await writer.WriteAsync((format == "csv" ? HistoryCsv.Header + Environment.NewLine : "[").AsMemory(), ct);
            var written = 0;
            await foreach (var record in records.WithCancellation(ct))
            {
                var entry = HistoryEntryView.Of(record);
                await writer.WriteAsync((format == "csv" ? HistoryCsv.Row(entry) + Environment.NewLine
                    : (written == 0 ? "" : ",") + JsonSerializer.Serialize(entry, JsonSerializerOptions.Web)).AsMemory(), ct);
                written++;
            }
            if (format == "json")
            {
                await writer.WriteAsync("]".AsMemory(), ct);
            }
            await writer.FlushAsync(ct);
            return TypedResults.Empty;
        }).Produces<IReadOnlyList<HistoryEntryView>>(StatusCodes.Status200OK, "application/json", "text/csv")
            .WithName("ExportHistory").WithSummary("All matching entries as CSV or JSON (newest first), same filters as the query");

        history.MapGet("/history/verify", async (HttpContext http, IHistoryService histories, CancellationToken ct) =>
        {
            var result = (await histories.VerifyAsync(http.GetAdmin().AsCaller(), http.Origin(), ct)).Result;
            return TypedResults.Ok(new HistoryVerifyResponse(result.IsIntact, result.CheckedCount, result.LastSequence, result.FirstBadSequence, result.Problem));
        }).WithName("VerifyHistory").WithSummary("Checks the tenant's keyed chain, its retention cuts and its checkpoint; names the first bad entry");

        // The first, simpler history query (kept for existing callers): action = activity, outcome = status, before = id.
        history.MapGet("/audit", async (string? userId, string? action, long? before, int? limit, HttpContext http, IHistoryStore store, CancellationToken ct) =>
        {
            var records = await store.QueryAsync(new HistoryQuery(http.GetAdmin().TenantId, UserId: userId, Activity: action, BeforeSequence: before, Limit: Limit(limit)), ct);
            return TypedResults.Ok(records.Select(AuditEntryView.Of));
        }).WithName("AuditHistory").WithSummary("The identity-verification history, newest first (page with before=id)");
    }

    private static int Limit(int? limit) => limit is < 1 or > 1000 ? throw ProblemCodes.History.LimitInvalid.Error("'limit' must be 1..1000.") : limit ?? 100;
}
