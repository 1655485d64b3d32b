using PushAuth.History;

namespace PushAuth.Oidc.Clients;

/// <summary>A tenant's clients as stored: each with the SHA-256 of its secret, never the secret.</summary>
public sealed record OidcClientsState
{
    public IReadOnlyList<StoredOidcClient> Clients { get; init; } = [];

    /// <summary>Audit events written with the change that owes them and sent to the history after it (idempotent by id).</summary>
    public IReadOnlyList<HistoryEvent> OwedHistory { get; init; } = [];
}

public sealed record StoredOidcClient(string ClientId, string Name, IReadOnlyList<string> RedirectUris, PushAuth.Abstractions.OidcFlows Flows,
    string SecretHash, DateTimeOffset CreatedAt, string CreatedBy);
