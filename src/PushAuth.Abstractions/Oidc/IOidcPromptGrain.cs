namespace PushAuth.Abstractions;

/// <summary>
/// One hosted prompt (key: <see cref="OidcKeys.Prompt"/>, from the tenant and the handle of the pushed request's <c>request_uri</c>):
/// the user the client named, the push or code that answers it, and whether its sign-in was completed. It calls the
/// user grain, which never calls it.
/// </summary>
[Alias("pa.IOidcPromptGrain")]
public interface IOidcPromptGrain : IGrainWithStringKey
{
    /// <summary>Opens the prompt for the client's user, or returns it as it is (a reload). A different client or user
    /// for the same key is refused.</summary>
    [Alias("Open")]
    Task<OidcAuthentication> OpenAsync(string tenantId, string clientId, string userId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>The prompt as it is, or null when never opened.</summary>
    [Alias("Get"), ReadOnly]
    Task<OidcAuthentication?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends a push (to <paramref name="deviceId"/> only when given) with the same limits and fatigue rules as
    /// the REST API; a push already pending is returned as it is.</summary>
    [Alias("Push")]
    Task<OidcAuthentication> PushAsync(ChallengeContext context, string? deviceId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Waits up to <paramref name="wait"/> (at most <see cref="ChallengeWaits.MaxGrainWait"/>) for the push's answer.</summary>
    [Alias("Wait"), AlwaysInterleave]
    Task<OidcAuthentication> WaitAsync(TimeSpan wait, CancellationToken cancellationToken = default);

    /// <summary>Checks a TOTP or temporary code (the user grain's throttle applies); approves the prompt when it is right.</summary>
    [Alias("VerifyCode")]
    Task<OidcAuthentication> VerifyCodeAsync(string code, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Claims the phrase a first phone shows, for the prompt's user, as the prompt's client: only for a user with
    /// no method at all (403 <c>oidc.already-enrolled</c> otherwise), and only while no push is pending.</summary>
    [Alias("Pair")]
    Task<PairingView> PairAsync(string? phrase, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Takes the outcome once: an approved prompt becomes <see cref="OidcAuthenticationStatus.Completed"/> and
    /// is returned as it was; any other state is returned unchanged. A second call never returns Approved.</summary>
    [Alias("Complete")]
    Task<OidcAuthentication?> CompleteAsync(CancellationToken cancellationToken = default);
}
