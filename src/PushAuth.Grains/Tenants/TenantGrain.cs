using Microsoft.Extensions.Options;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Tenants;
using PushAuth.Grains.Effects;
using PushAuth.Grains.History;
using PushAuth.Grains.Storage;
using PushAuth.History;
using PushAuth.Security;

namespace PushAuth.Grains.Tenants;

/// <summary>A tenant's settings and keys. Calls only the API-key grains (leaves).</summary>
internal sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Default)] IPersistentState<TenantState> state,
    EffectDelivery effects,
    WebhookTargets webhookTargets,
    IOptions<HistoryOptions> history,
    TimeProvider time) : OwingGrain<TenantState>(state, effects), ITenantGrain
{
    private const int MaxKeys = 100;

    protected override string GrainTypeName => "tenant";

    private string TenantId => this.GetPrimaryKeyString();

    protected override TenantState WithOwed(TenantState s, OwedEffects owed) => s with { Owed = owed };

    public Task<TenantSettings?> GetSettingsAsync(CancellationToken cancellationToken = default) => Task.FromResult(Persisted.State.Settings);

    public async Task<IReadOnlyList<IssuedApiKey>> CreateAsync(string displayName, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        Validate.TenantId(TenantId, "tenant");
        if (Persisted.State.Settings is not null)
        {
            throw ProblemCodes.Tenants.Exists.Error($"Tenant '{TenantId}' already exists.");
        }
        var settings = new TenantSettings(displayName).Validated();
        var admin = await NewKeyAsync(ApiKeyRole.Admin, "bootstrap admin", cancellationToken);
        var login = await NewKeyAsync(ApiKeyRole.LoginService, "bootstrap login service", cancellationToken);
        await SaveAsync(new TenantState
        {
            Settings = settings, CreatedAt = time.GetUtcNow(), Keys = [admin.Record, login.Record],
            Owed = History(HistoryActivities.TenantCreated, "bootstrap", "created", origin, null),
        }, cancellationToken);
        return [admin.Issued, login.Issued];
    }

    public async Task<TenantSettings> UpdateSettingsAsync(TenantSettings settings, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        var s = Persisted.State;
        var validated = settings.Validated();
        if (validated.RecoveryOrDefault().HistoryRetentionDays < history.Value.MinRetentionDays)
        {
            throw ProblemCodes.Tenants.HistoryRetentionBelowFloor.Error($"recovery.historyRetentionDays must be at least {history.Value.MinRetentionDays}: the operator keeps every tenant's history that long.");
        }
        // The user-events webhook is held to the same address policy as a challenge's webhookUrl.
        if (validated.RecoveryOrDefault().EventsWebhookUrl is { } eventsUrl)
        {
            WebhookTargetPolicy.Check(eventsUrl, webhookTargets.AllowedHosts(validated));
        }
        await SaveAsync(s with { Settings = validated, Owed = s.Owed.Plus(History(HistoryActivities.TenantSettingsUpdated, actor, "updated", origin, null)) }, cancellationToken);
        return Persisted.State.Settings!;
    }

    public async Task<IssuedApiKey> IssueApiKeyAsync(ApiKeyRole role, string name, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        if (!Enum.IsDefined(role))
        {
            throw ProblemCodes.Tenants.RoleInvalid.Error($"'role' must be one of: {string.Join(", ", Enum.GetNames<ApiKeyRole>())}.");
        }
        if (Persisted.State.Keys.Count(k => !k.Revoked) >= MaxKeys)
        {
            throw ProblemCodes.Tenants.ApiKeyLimit.Error($"A tenant has at most {MaxKeys} active keys.");
        }
        var key = await NewKeyAsync(role, Validate.Text(name, "name", 100), cancellationToken);
        var s = Persisted.State;
        await SaveAsync(s with { Keys = [.. s.Keys, key.Record], Owed = s.Owed.Plus(History(HistoryActivities.ApiKeyIssued, actor, role.ToString(), origin, $"key={key.Record.KeyId}")) },
            cancellationToken);
        return key.Issued;
    }

    public async Task<bool> RevokeApiKeyAsync(string keyId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        if (!Persisted.State.Keys.Any(k => k.KeyId == keyId && !k.Revoked))
        {
            return false;
        }
        await GrainFactory.GetGrain<IApiKeyGrain>(keyId).RevokeAsync(cancellationToken);
        var s = Persisted.State;
        await SaveAsync(s with
        {
            Keys = [.. s.Keys.Select(k => k.KeyId == keyId ? k with { Revoked = true } : k)],
            Owed = s.Owed.Plus(History(HistoryActivities.ApiKeyRevoked, actor, "revoked", origin, $"key={keyId}")),
        }, cancellationToken);
        return true;
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ApiKeyRecord>>([.. Persisted.State.Keys.Select(k => k with { Hash = "" })]);

    private async Task<(IssuedApiKey Issued, ApiKeyRecord Record)> NewKeyAsync(ApiKeyRole role, string name, CancellationToken cancellationToken)
    {
        // The 8-character prefix is the lookup key; on the rare collision, draw again.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var generated = SecretHasher.GenerateApiKey();
            var record = new ApiKeyRecord(generated.PrefixId, TenantId, role, name, generated.Hash, time.GetUtcNow(), false);
            if (await GrainFactory.GetGrain<IApiKeyGrain>(generated.PrefixId).RegisterAsync(record, cancellationToken))
            {
                return (new IssuedApiKey(generated.PrefixId, generated.Key, role, name), record with { Hash = "" });
            }
        }
        throw ProblemCodes.Tenants.ApiKeyIdExhausted.Error("Could not allocate a unique API key id; retry.");
    }

    private void EnsureExists()
    {
        if (Persisted.State.Settings is null)
        {
            throw ProblemCodes.Tenants.NotFound.Error("The tenant does not exist.");
        }
    }

    private OwedEffects History(string activity, string actor, string status, RequestOrigin origin, string? remarks) => new()
    {
        History = [HistoryEvents.Of(time.GetUtcNow(), TenantId, null, actor, activity, null, status, origin, remarks: remarks)],
    };
}
