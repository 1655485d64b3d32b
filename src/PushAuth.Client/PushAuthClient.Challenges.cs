namespace PushAuth.Client;

public sealed partial class PushAuthClient
{
    /// <summary>Asks <paramref name="userId"/> for a push approval; with number matching (the tenant's default) the answer
    /// carries the number the login page shows (<see cref="ChallengeResult.NumberMatch"/>). <paramref name="deviceId"/> sends it to
    /// that one of the user's devices only (from <see cref="PreCheckAsync"/>); null sends it to all of them.</summary>
    public Task<ChallengeResult> CreateChallengeAsync(string userId, ChallengeContext context, bool? numberMatching = null, int? expiresInSeconds = null,
        string? idempotencyKey = null, string? deviceId = null, CancellationToken cancellationToken = default) =>
        SendAsync<ChallengeResult>(HttpMethod.Post, "/v1/challenges", new { userId, context, numberMatching, expiresInSeconds, deviceId }, cancellationToken,
            idempotencyKey is null ? null : ("Idempotency-Key", idempotencyKey));

    /// <summary>The challenge's state; with <paramref name="wait"/> (≤ 30 s) the call returns as soon as it resolves, or still
    /// <c>Pending</c> when the wait ends (ask again).</summary>
    public Task<ChallengeResult> GetChallengeAsync(string challengeId, TimeSpan? wait = null, CancellationToken cancellationToken = default) =>
        SendAsync<ChallengeResult>(HttpMethod.Get, $"/v1/challenges/{Uri.EscapeDataString(challengeId)}{WaitQuery(wait)}", null, cancellationToken);

    /// <summary>Long-polls until the challenge is resolved (approved, denied, expired or cancelled) or <paramref name="timeout"/>
    /// passes; returns the last state, still <c>Pending</c> when the time ran out. Each call waits at most 30 s, so no proxy or
    /// HttpClient timeout cuts a wait.</summary>
    public async Task<ChallengeResult> WaitForChallengeAsync(string challengeId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (true)
        {
            var result = await GetChallengeAsync(challengeId, WaitLeft(deadline), cancellationToken).ConfigureAwait(false);
            if (!result.IsPending || _time.GetUtcNow() >= deadline)
            {
                return result;
            }
        }
    }

    /// <summary>Cancels a pending challenge (the user gave up, or signed in another way).</summary>
    public Task<ChallengeResult> CancelChallengeAsync(string challengeId, CancellationToken cancellationToken = default) =>
        SendAsync<ChallengeResult>(HttpMethod.Post, $"/v1/challenges/{Uri.EscapeDataString(challengeId)}/cancel", null, cancellationToken);
}
