using PushAuth.Domain.Effects;
using PushAuth.Domain.Tenants;
using PushAuth.Grains.Effects;
using PushAuth.Grains.Storage;
using PushAuth.History;

namespace PushAuth.Grains.Console;

/// <summary>A tenant's console admins. A leaf: it calls no grain; its history events are handed out after its write.</summary>
public sealed class ConsoleAdminsGrain(
    [PersistentState("consoleadmins", StorageNames.Default)] IPersistentState<ConsoleAdminsState> state,
    EffectDelivery effects,
    TimeProvider time) : OwingGrain<ConsoleAdminsState>(state, effects), IConsoleAdminsGrain
{
    protected override string GrainTypeName => "consoleadmins";

    private string TenantId => this.GetPrimaryKeyString();

    protected override ConsoleAdminsState WithOwed(ConsoleAdminsState s, OwedEffects owed) => s with { Owed = owed };

    public Task<ConsoleAdmins> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(View(Persisted.State));

    public async Task<ConsoleAdmins> SetAsync(IReadOnlyList<ConsoleAdmin> admins, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (admins.Count > ConsoleAdmins.MaxAdmins)
        {
            throw PushAuthException.Invalid("admins.too-many", $"At most {ConsoleAdmins.MaxAdmins} console admins.");
        }
        foreach (var admin in admins)
        {
            Validate.Identifier(admin.UserId, "admins.userId");
            if (!Enum.IsDefined(admin.Role) || admin.Role == ApiKeyRole.LoginService)
            {
                throw PushAuthException.Invalid("admins.role.invalid", "A console admin's 'role' must be Admin, ManageMfa or Auditor.");
            }
        }
        if (admins.Select(a => a.UserId).Distinct(StringComparer.Ordinal).Count() != admins.Count)
        {
            throw PushAuthException.Invalid("admins.duplicate", "Each user may appear once.");
        }
        var s = Persisted.State;
        var remarks = string.Join(", ", admins.Select(a => $"{a.UserId}={a.Role}"));
        await SaveAsync(s with
        {
            Admins = [.. admins],
            Owed = s.Owed.Plus(History(null, actor, "console.admins-updated", "updated", origin, remarks.Length > 1000 ? remarks[..1000] : remarks)),
        }, cancellationToken);
        return View(Persisted.State);
    }

    public async Task EndSessionsAsync(string userId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = Persisted.State;
        if (s.Admins.All(a => a.UserId != userId))
        {
            return;
        }
        var notBefore = new Dictionary<string, DateTimeOffset>(s.SessionsNotBefore.Where(p => s.Admins.Any(a => a.UserId == p.Key))) { [userId] = time.GetUtcNow() };
        await SaveAsync(s with
        {
            SessionsNotBefore = notBefore,
            Owed = s.Owed.Plus(History(userId, "console:" + userId, "console.signed-out", "signed-out", origin, null)),
        }, cancellationToken);
    }

    private static ConsoleAdmins View(ConsoleAdminsState s) => new(s.Admins, s.SessionsNotBefore);

    private OwedEffects History(string? userId, string actor, string activity, string status, RequestOrigin origin, string? remarks) => new()
    {
        History = [new HistoryEvent(EffectIds.New(), time.GetUtcNow(), TenantId, userId, actor, activity, "console", status, origin.SourceIp,
            Remarks: remarks, TraceId: origin.TraceId, UserAgent: origin.UserAgent)],
    };
}
