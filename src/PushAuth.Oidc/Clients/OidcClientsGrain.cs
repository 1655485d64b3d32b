using System.Buffers.Text;
using System.Security.Cryptography;
using PushAuth.Abstractions;
using PushAuth.History;
using PushAuth.Security;

namespace PushAuth.Oidc.Clients;

/// <summary>A tenant's OpenID Connect clients. Secrets are 256 random bits, so a plain SHA-256 is enough to keep them
/// (as API keys are); comparisons are constant-time.</summary>
internal sealed class OidcClientsGrain(
    [PersistentState("oidcclients", OidcStorage.Name)] IPersistentState<OidcClientsState> state,
    TimeProvider time) : Grain, IOidcClientsGrain
{
    /// <summary>At most this many clients per tenant: registrations are admin writes, bounded all the same.</summary>
    public const int MaxClients = 50;

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await SendOwedHistoryAsync(cancellationToken);
    }

    public async Task<IssuedOidcClient> RegisterAsync(OidcClientRegistration registration, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        registration = registration.Validated();
        if (state.State.Clients.Count >= MaxClients)
        {
            throw ProblemCodes.Oidc.ClientLimit.Error($"A tenant has at most {MaxClients} OpenID Connect clients; remove one first.");
        }
        var clientId = "oc_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        var secret = "ocs_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var stored = new StoredOidcClient(clientId, registration.Name, [.. registration.RedirectUris ?? []], registration.Flows, SecretHasher.HashApiKey(secret), now, actor);
        state.State = state.State with
        {
            Clients = [.. state.State.Clients, stored],
            OwedHistory = [.. state.State.OwedHistory, Audit(now, actor, "oidc.client.registered", origin, $"clientId={clientId} flows={registration.Flows}")],
        };
        await state.WriteStateAsync(cancellationToken);
        await SendOwedHistoryAsync(cancellationToken);
        return new IssuedOidcClient(View(stored), secret);
    }

    public Task<IReadOnlyList<OidcClient>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OidcClient>>([.. state.State.Clients.Select(View)]);

    public Task<OidcClient?> GetAsync(string clientId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(clientId) is { } c ? View(c) : null);

    public Task<OidcClient?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(clientId) is { } c && SecretHasher.VerifyApiKey(clientSecret, c.SecretHash) ? View(c) : null);

    public async Task<bool> RemoveAsync(string clientId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (Find(clientId) is not { } client)
        {
            return false;
        }
        state.State = state.State with
        {
            Clients = [.. state.State.Clients.Where(c => c != client)],
            OwedHistory = [.. state.State.OwedHistory, Audit(time.GetUtcNow(), actor, "oidc.client.removed", origin, $"clientId={clientId}")],
        };
        await state.WriteStateAsync(cancellationToken);
        await SendOwedHistoryAsync(cancellationToken);
        return true;
    }

    private StoredOidcClient? Find(string clientId) => state.State.Clients.FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));

    private static OidcClient View(StoredOidcClient c) => new(c.ClientId, c.Name, c.RedirectUris, c.Flows, c.CreatedAt, c.CreatedBy);

    private HistoryEvent Audit(DateTimeOffset at, string actor, string activity, RequestOrigin origin, string remarks) =>
        new(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)), at, TenantId, null, actor, activity, null, "success", origin.SourceIp, Remarks: remarks, TraceId: origin.TraceId,
            UserAgent: origin.UserAgent);

    // After the write that owes them; appends are idempotent by event id, so a crash in between re-sends them on activation.
    private async Task SendOwedHistoryAsync(CancellationToken cancellationToken)
    {
        if (state.State.OwedHistory.Count == 0)
        {
            return;
        }
        await GrainFactory.GetGrain<ITenantHistoryGrain>(TenantId).AppendAsync(state.State.OwedHistory, cancellationToken);
        state.State = state.State with { OwedHistory = [] };
        await state.WriteStateAsync(cancellationToken);
    }
}
