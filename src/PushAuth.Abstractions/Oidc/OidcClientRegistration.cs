namespace PushAuth.Abstractions;

/// <summary>What an admin registers: a name shown on the prompt and the phone, the exact redirect URIs, the flows.</summary>
[GenerateSerializer, Immutable, Alias("pa.OidcClientRegistration")]
public sealed record OidcClientRegistration(string Name, IReadOnlyList<string> RedirectUris, OidcFlows Flows)
{
    /// <summary>At most this many redirect URIs per client.</summary>
    public const int MaxRedirectUris = 10;

    /// <summary>Returns this registration if valid, else throws a 400 <see cref="PushAuthException"/>.</summary>
    public OidcClientRegistration Validated()
    {
        Validate.Text(Name, "name", 100);
        if (Flows == OidcFlows.None || (Flows & ~(OidcFlows.AuthorizationCode | OidcFlows.Ciba)) != 0)
        {
            throw ProblemCodes.Oidc.Flows.Error("'flows' must name AuthorizationCode, Ciba or both.");
        }
        var uris = RedirectUris ?? [];
        if (Flows.HasFlag(OidcFlows.AuthorizationCode) && uris.Count == 0)
        {
            throw ProblemCodes.Oidc.RedirectUris.Error("The authorization code flow needs at least one redirect URI.");
        }
        if (uris.Count > MaxRedirectUris || uris.Any(u => !IsRedirectUri(u)) || uris.Distinct(StringComparer.Ordinal).Count() != uris.Count)
        {
            throw ProblemCodes.Oidc.RedirectUris.Error($"'redirectUris' must be at most {MaxRedirectUris} distinct absolute https URIs (http only on loopback), without fragment, at most 500 characters each.");
        }
        return this;
    }

    private static bool IsRedirectUri(string? value) =>
        value is { Length: > 0 and <= 500 }
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
