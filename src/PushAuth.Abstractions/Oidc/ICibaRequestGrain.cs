namespace PushAuth.Abstractions;

/// <summary>
/// One CIBA request (key: <see cref="OidcKeys.Ciba"/>, from the tenant and the <c>auth_req_id</c>): the push challenge
/// behind it, the client's polling pace and the single issuance of its tokens. It calls the user grain, which never calls it.
/// </summary>
[Alias("pa.ICibaRequestGrain")]
public interface ICibaRequestGrain : IGrainWithStringKey
{
    /// <summary>Sends the push (binding message in the challenge context) and records the request.</summary>
    [Alias("Start")]
    Task<OidcAuthentication> StartAsync(string tenantId, string clientId, string userId, IReadOnlyList<string> scopes, ChallengeContext context, int expiresInSeconds,
        int intervalSeconds, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>A token request by <paramref name="clientId"/>: <see cref="CibaPoll"/> says what the token endpoint answers.
    /// An approved request is handed out once (then <see cref="OidcAuthenticationStatus.Completed"/>).</summary>
    [Alias("Poll")]
    Task<CibaPoll> PollAsync(string clientId, CancellationToken cancellationToken = default);
}
