using PushAuth.Abstractions;

namespace PushAuth.Oidc.Prompt;

/// <summary>
/// One hosted prompt. The push's outcome is read from the user grain (the challenge is the one truth); this grain keeps
/// who the prompt is for, a code's approval, and whether the sign-in was completed, which happens once. Its state is
/// cleared by a reminder once the pushed request has expired (OpenIddict refuses its request_uri from then on).
/// </summary>
internal sealed class OidcPromptGrain(
    [PersistentState("oidcprompt", OidcStorage.Name)] IPersistentState<AuthenticationState> state,
    IPairingService pairings,
    TimeProvider time) : Grain, IOidcPromptGrain, IRemindable
{
    private const string ExpiryReminder = "expire";

    public async Task<OidcAuthentication> OpenAsync(string tenantId, string clientId, string userId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        if (state.State.Authentication is { } existing)
        {
            if (!string.Equals(existing.ClientId, clientId, StringComparison.Ordinal) || !string.Equals(existing.UserId, userId, StringComparison.Ordinal)
                || !string.Equals(state.State.TenantId, tenantId, StringComparison.Ordinal))
            {
                throw ProblemCodes.Oidc.PromptMismatch.Error("This request belongs to another client or user.");
            }
            return Current(existing);
        }
        state.State = new AuthenticationState { TenantId = tenantId, Authentication = new OidcAuthentication(clientId, userId, OidcAuthenticationStatus.Started, expiresAt) };
        await state.WriteStateAsync(cancellationToken);
        await this.RegisterOrUpdateReminder(ExpiryReminder, Due(expiresAt), TimeSpan.FromHours(1), cancellationToken);
        return state.State.Authentication;
    }

    public Task<OidcAuthentication?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Authentication is { } a ? Current(a) : null);

    public async Task<OidcAuthentication> PushAsync(ChallengeContext context, string? deviceId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var current = await RefreshAsync(Opened(), cancellationToken);
        if (current.Status is not (OidcAuthenticationStatus.Started or OidcAuthenticationStatus.Denied or OidcAuthenticationStatus.Expired) || IsPast(current))
        {
            return current;
        }
        // The push budget stays untold here: the prompt's caller is an unauthenticated browser.
        var view = (await User(current).CreateChallengeAsync(state.State.TenantId!, current.UserId,
            new CreateChallengeRequest(current.UserId, context, DeviceId: deviceId, SessionBinding: "oidc:" + current.ClientId), origin, cancellationToken)).View;
        var pending = SecondFactor.FromChallenge(current with { Detail = null, Method = null, Amr = null, AuthTime = null }, view);
        state.State = state.State with { Authentication = pending };
        await state.WriteStateAsync(cancellationToken);
        return pending;
    }

    public async Task<OidcAuthentication> WaitAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        // Interleaved with the other calls, so it only reads: the outcome is written by CompleteAsync, which reads the
        // challenge again before it decides.
        var current = Opened();
        if (current.Status != OidcAuthenticationStatus.Pending || current.ChallengeId is null)
        {
            return Current(current);
        }
        var view = await User(current).WaitForChallengeAsync(state.State.TenantId!, current.ChallengeId, wait, cancellationToken);
        return view is null ? Current(current) : Current(SecondFactor.FromChallenge(current, view));
    }

    public async Task<PairingView> PairAsync(string? phrase, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var current = await RefreshAsync(Opened(), cancellationToken);
        if (current.Status is not (OidcAuthenticationStatus.Started or OidcAuthenticationStatus.Expired or OidcAuthenticationStatus.Denied))
        {
            throw ProblemCodes.Oidc.PromptBusy.Error("This prompt is already waiting for an answer.");
        }
        var tenantId = state.State.TenantId!;
        var client = await GrainFactory.GetGrain<IOidcClientsGrain>(tenantId).GetAsync(current.ClientId, cancellationToken)
            ?? throw ProblemCodes.Oidc.PromptNotFound.Error("This sign-in's client was removed.");
        // Only a user with no method at all pairs here (the page's "enroll" mode): otherwise the first factor alone
        // would add a device of the caller's choosing to an enrolled user and then approve with it.
        var check = await User(current).PreCheckAsync(tenantId, "oidc:" + client.ClientId, cancellationToken);
        if (check.Enrolled)
        {
            throw ProblemCodes.Oidc.AlreadyEnrolled.Error("This user has a verification method already: a new device is paired after signing in with it, not on the sign-in prompt.");
        }
        // The registered client stands where a login service's key does: the same door, limits and audit as POST /v1/pairings.
        return await pairings.ClaimAsync(new Caller(tenantId, "oidc:" + client.ClientId, ApiKeyRole.LoginService), phrase, current.UserId, client.Name, origin,
            cancellationToken);
    }

    public async Task<OidcAuthentication> VerifyCodeAsync(string code, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var current = await RefreshAsync(Opened(), cancellationToken);
        if (current.Status is OidcAuthenticationStatus.Approved or OidcAuthenticationStatus.Completed or OidcAuthenticationStatus.FraudReported || IsPast(current))
        {
            return current;
        }
        var tenantId = state.State.TenantId!;
        // The tenant's TOTP window is the user grain's to read, as for every other caller.
        var result = await User(current).VerifyCodeAsync(tenantId, code, "oidc:" + current.ClientId, origin, cancellationToken);
        if (!result.Valid)
        {
            return current with
            {
                Detail = result.RetryAfter is { } retry
                    ? $"Too many wrong codes: try again in {Math.Ceiling(retry.TotalSeconds):0} seconds."
                    : "That code is not right. Check it and try again.",
            };
        }
        if (current is { Status: OidcAuthenticationStatus.Pending, ChallengeId: { } pendingChallenge })
        {
            // The code answered: the push still on the phone is withdrawn, so a later tap decides nothing.
            await User(current).CancelChallengeAsync(tenantId, pendingChallenge, origin, cancellationToken);
        }
        var approved = current with
        {
            Status = OidcAuthenticationStatus.Approved,
            ChallengeId = null,
            NumberMatch = null,
            Method = result.Method,
            Amr = SecondFactor.CodeAmr,
            AuthTime = time.GetUtcNow(),
            Detail = null,
        };
        state.State = state.State with { Authentication = approved };
        await state.WriteStateAsync(cancellationToken);
        return approved;
    }

    public async Task<OidcAuthentication?> CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (state.State.Authentication is not { } stored)
        {
            return null;
        }
        var current = await RefreshAsync(stored, cancellationToken);
        if (current.Status is OidcAuthenticationStatus.Started or OidcAuthenticationStatus.Pending && !IsPast(current))
        {
            return current;
        }
        if (current.Status == OidcAuthenticationStatus.Completed)
        {
            return current;
        }
        // Approved, denied, reported or expired: the request is answered now and its request_uri is spent.
        state.State = state.State with { Authentication = current with { Status = OidcAuthenticationStatus.Completed } };
        await state.WriteStateAsync(cancellationToken);
        return current.Status is OidcAuthenticationStatus.Started or OidcAuthenticationStatus.Pending
            ? current with { Status = OidcAuthenticationStatus.Expired, Detail = "The sign-in took too long." }
            : current;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => this.ClearIfExpiredAsync(state, time, reminderName);

    private OidcAuthentication Opened() => state.State.Authentication ?? throw ProblemCodes.Oidc.PromptNotFound.Error("No such sign-in prompt.");

    private IUserGrain User(OidcAuthentication a) => GrainFactory.GetGrain<IUserGrain>(GrainKeys.User(state.State.TenantId!, a.UserId));

    private bool IsPast(OidcAuthentication a) => time.GetUtcNow() >= a.ExpiresAt;

    private OidcAuthentication Current(OidcAuthentication a) =>
        IsPast(a) && a.Status is OidcAuthenticationStatus.Started or OidcAuthenticationStatus.Pending
            ? a with { Status = OidcAuthenticationStatus.Expired, Detail = "The sign-in took too long." }
            : a;

    // A pending push's outcome, from the challenge itself.
    private async Task<OidcAuthentication> RefreshAsync(OidcAuthentication a, CancellationToken cancellationToken)
    {
        if (a.Status != OidcAuthenticationStatus.Pending || a.ChallengeId is null)
        {
            return Current(a);
        }
        var view = await User(a).GetChallengeAsync(state.State.TenantId!, a.ChallengeId, cancellationToken);
        return Current(view is null ? a : SecondFactor.FromChallenge(a, view));
    }

    private TimeSpan Due(DateTimeOffset expiresAt)
    {
        var due = expiresAt - time.GetUtcNow() + TimeSpan.FromMinutes(1);
        return due < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : due;
    }
}
