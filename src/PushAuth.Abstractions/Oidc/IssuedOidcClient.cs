namespace PushAuth.Abstractions;

/// <summary>A client just registered: its secret is shown this once and kept only as a hash.</summary>
[GenerateSerializer, Immutable, Alias("pa.IssuedOidcClient")]
public sealed record IssuedOidcClient(OidcClient Client, string ClientSecret);
