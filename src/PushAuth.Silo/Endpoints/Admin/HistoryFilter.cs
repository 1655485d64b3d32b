using PushAuth.Abstractions;
using PushAuth.History;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>The filters of the history query and export (query string): exact matches, <c>from</c> inclusive, <c>to</c> exclusive.</summary>
public sealed record HistoryFilter(string? UserId, string? Method, string? Status, string? Activity, DateTimeOffset? From, DateTimeOffset? To)
{
    public HistoryQuery ToQuery(string tenantId)
    {
        if (UserId is not null)
        {
            Validate.Identifier(UserId, "userId");
        }
        Short(Method, "method");
        Short(Status, "status");
        Short(Activity, "activity");
        if (From is { } from && To is { } to && from >= to)
        {
            throw ProblemCodes.History.RangeInvalid.Error("'from' must be before 'to'.");
        }
        return new HistoryQuery(tenantId, UserId, Method, Status, Activity, From, To);
    }

    public override string ToString() =>
        string.Join("; ", new[] { ("userId", UserId), ("method", Method), ("status", Status), ("activity", Activity), ("from", From?.ToString("O")), ("to", To?.ToString("O")) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));

    private static void Short(string? value, string field)
    {
        if (value is { Length: 0 or > 100 } || (value is not null && value.Any(char.IsControl)))
        {
            throw ProblemCodes.Requests.FieldInvalid.For(field).Error($"'{field}' must be 1-100 characters.");
        }
    }
}
