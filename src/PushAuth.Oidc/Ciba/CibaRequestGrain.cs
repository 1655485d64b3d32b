using PushAuth.Abstractions;
using PushAuth.Oidc.Prompt;

namespace PushAuth.Oidc.Ciba;

/// <summary>
/// One CIBA request: the push challenge behind it (its outcome is read from the user grain), the client's pace, and the
/// single issuance of its tokens. The last poll and the grown interval are kept in memory: a poll costs no write, and a
/// reactivation at worst forgives one early poll. The state is cleared by a reminder once the request has expired.
/// </summary>
internal sealed class CibaRequestGrain(
    [PersistentState("ciba", OidcStorage.Name)] IPersistentState<AuthenticationState> state,
    TimeProvider time) : Grain, ICibaRequestGrain, IRemindable
{
    private const string ExpiryReminder = "expire";
    private DateTimeOffset? _lastPoll;
    private TimeSpan? _interval;

    public async Task<OidcAuthentication> StartAsync(string tenantId, string clientId, string userId, IReadOnlyList<string> scopes, ChallengeContext context,
        int expiresInSeconds, int intervalSeconds, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (state.State.Authentication is not null)
        {
            throw ProblemCodes.Oidc.CibaExists.Error("This authentication request already exists.");
        }
        var view = (await GrainFactory.GetGrain<IUserGrain>(GrainKeys.User(tenantId, userId)).CreateChallengeAsync(tenantId, userId,
            new CreateChallengeRequest(userId, context, ExpiresInSeconds: expiresInSeconds, SessionBinding: "ciba:" + clientId), origin, cancellationToken)).View;
        var started = SecondFactor.FromChallenge(new OidcAuthentication(clientId, userId, OidcAuthenticationStatus.Pending, view.ExpiresAt, Scopes: scopes,
            Interval: intervalSeconds), view);
        state.State = new AuthenticationState { TenantId = tenantId, Authentication = started };
        await state.WriteStateAsync(cancellationToken);
        await this.RegisterOrUpdateReminder(ExpiryReminder, Due(view.ExpiresAt), TimeSpan.FromHours(1), cancellationToken);
        return started;
    }

    public async Task<CibaPoll> PollAsync(string clientId, CancellationToken cancellationToken = default)
    {
        if (state.State.Authentication is not { } stored || !string.Equals(stored.ClientId, clientId, StringComparison.Ordinal)
            || stored.Status == OidcAuthenticationStatus.Completed)
        {
            return new CibaPoll(CibaPollResult.Invalid, null);
        }
        var now = time.GetUtcNow();
        var interval = _interval ?? TimeSpan.FromSeconds(stored.Interval);
        if (CibaPolling.TooSoon(_lastPoll, interval, now))
        {
            _interval = interval + CibaPolling.SlowDownStep;
            _lastPoll = now;
            return new CibaPoll(CibaPollResult.SlowDown, stored with { Interval = (int)_interval.Value.TotalSeconds });
        }
        _lastPoll = now;
        var current = stored;
        if (stored.Status == OidcAuthenticationStatus.Pending && stored.ChallengeId is { } challengeId)
        {
            var view = await GrainFactory.GetGrain<IUserGrain>(GrainKeys.User(state.State.TenantId!, stored.UserId))
                .GetChallengeAsync(state.State.TenantId!, challengeId, cancellationToken);
            current = view is null ? stored : SecondFactor.FromChallenge(stored, view);
        }
        switch (current.Status)
        {
            case OidcAuthenticationStatus.Approved:
                // Handed out once: the next poll with this auth_req_id is invalid_grant.
                state.State = state.State with { Authentication = current with { Status = OidcAuthenticationStatus.Completed } };
                await state.WriteStateAsync(cancellationToken);
                return new CibaPoll(CibaPollResult.Approved, current);
            case OidcAuthenticationStatus.Denied:
                return new CibaPoll(CibaPollResult.Denied, current);
            case OidcAuthenticationStatus.FraudReported:
                return new CibaPoll(CibaPollResult.FraudReported, current);
            case OidcAuthenticationStatus.Expired:
                return new CibaPoll(CibaPollResult.Expired, current);
            default:
                return now >= current.ExpiresAt
                    ? new CibaPoll(CibaPollResult.Expired, current with { Status = OidcAuthenticationStatus.Expired, Detail = "Nobody answered the push in time." })
                    : new CibaPoll(CibaPollResult.Pending, current);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => this.ClearIfExpiredAsync(state, time, reminderName);

    private TimeSpan Due(DateTimeOffset expiresAt)
    {
        var due = expiresAt - time.GetUtcNow() + TimeSpan.FromMinutes(1);
        return due < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : due;
    }
}
