namespace PushAuth.Abstractions;

/// <summary>An OpenID Connect client of a tenant, as admins see it (never its secret, which is kept as a hash).</summary>
/// <param name="RedirectUris">Compared exactly (RFC 9700): no prefix, wildcard or case folding.</param>
[GenerateSerializer, Immutable, Alias("pa.OidcClient")]
public sealed record OidcClient(string ClientId, string Name, IReadOnlyList<string> RedirectUris, OidcFlows Flows, DateTimeOffset CreatedAt, string CreatedBy);
