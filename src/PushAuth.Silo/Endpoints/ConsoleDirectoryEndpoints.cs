using PushAuth.Abstractions;
using PushAuth.History;
using PushAuth.Silo.Admin;
using PushAuth.Silo.Auth;

namespace PushAuth.Silo.Endpoints;

/// <summary>The read models of the console's helpdesk pages: the user list (by id prefix, cursor paging), one user's
/// page, and the dashboard's counts over time. By API key or console session; each is one service call.</summary>
internal static class ConsoleDirectoryEndpoints
{
    private static readonly TimeSpan MaxHourlyWindow = TimeSpan.FromDays(7);
    private static readonly TimeSpan MaxDailyWindow = TimeSpan.FromDays(90);

    public static void MapConsoleDirectoryEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        var admin = app.MapGroup("/v1/admin").WithTags("Admin directory");

        admin.MapGet("/users", async (string? q, string? cursor, int? limit, HttpContext http, UserProfiles users, CancellationToken ct) =>
        {
            var (page, next) = await users.ListAsync(http.GetAdmin(), q, cursor, limit ?? 25, ct);
            return Results.Ok(new { items = page.Select(u => new { u.UserId, u.FirstSeenAt }), nextCursor = next });
        }).RequireAdmin(AdminPermission.ReadUsers).WithName("ListUsers").WithSummary("The tenant's users by id prefix (q), in id order, with cursor paging");

        admin.MapGet("/users/{userId}/profile", async (string userId, HttpContext http, UserProfiles users, CancellationToken ct) =>
            Results.Ok(await users.GetAsync(http.GetAdmin(), userId, ct)))
            .RequireAdmin(AdminPermission.ReadUsers).WithName("GetUserProfile")
            .WithSummary("A user's phones (platform, last used, last source), TOTP credentials, temporary code, backups, auto-approve rules and recent activity; 404 for no such user");

        admin.MapGet("/history/stats", async (DateTimeOffset? from, DateTimeOffset? to, string? bucket, HttpContext http, HistoryStatistics statistics, TimeProvider time,
            CancellationToken ct) =>
        {
            var (start, end, size) = Window(from, to, bucket, time.GetUtcNow());
            return Results.Ok(await statistics.CountAsync(http.GetAdmin().TenantId, start, end, size, ct));
        }).RequireAdmin(AdminPermission.ReadHistory).WithName("HistoryStats")
            .WithSummary("Approvals, denials, fraud reports, expiries and push-delivery failures per hour (up to 7 days) or day (up to 90 days)");
    }

    /// <summary>The window by default: the last 24 hours by the hour, or the last 30 days by the day.</summary>
    private static (DateTimeOffset From, DateTimeOffset To, TimeSpan Bucket) Window(DateTimeOffset? from, DateTimeOffset? to, string? bucket, DateTimeOffset now)
    {
        var (size, max, fallback) = bucket switch
        {
            null or "hour" => (TimeSpan.FromHours(1), MaxHourlyWindow, TimeSpan.FromHours(24)),
            "day" => (TimeSpan.FromDays(1), MaxDailyWindow, TimeSpan.FromDays(30)),
            _ => throw PushAuthException.Invalid("bucket.invalid", "'bucket' must be hour or day."),
        };
        var end = to ?? Ceiling(now, size);
        var start = from ?? end - fallback;
        if (end <= start)
        {
            throw PushAuthException.Invalid("to.before-from", "'to' must be after 'from'.");
        }
        if (end - start > max)
        {
            throw PushAuthException.Invalid("window.too-long", $"The window is at most {max.TotalDays:0} days by the {(size == TimeSpan.FromDays(1) ? "day" : "hour")}.");
        }
        return (start, end, size);
    }

    private static DateTimeOffset Ceiling(DateTimeOffset t, TimeSpan size)
    {
        var utc = t.ToUniversalTime();
        var floor = new DateTimeOffset(utc.Ticks - utc.Ticks % size.Ticks, TimeSpan.Zero);
        return floor == utc ? floor : floor + size;
    }
}
