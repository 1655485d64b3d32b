using PushAuth.Abstractions;

namespace PushAuth.Oidc.Tokens;

/// <summary>The single use of one authorization code: a row while the code could still be presented, cleared by a
/// reminder after it has expired (OpenIddict refuses an expired code by itself).</summary>
internal sealed class OidcSingleUseGrain(
    [PersistentState("oidcused", OidcStorage.Name)] IPersistentState<SingleUseState> state,
    TimeProvider time) : Grain, IOidcSingleUseGrain, IRemindable
{
    public async Task<bool> TryUseAsync(DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        if (state.State.UsedAt is not null)
        {
            return false;
        }
        state.State = new SingleUseState { UsedAt = time.GetUtcNow(), ExpiresAt = expiresAt };
        await state.WriteStateAsync(cancellationToken);
        var due = expiresAt - time.GetUtcNow() + TimeSpan.FromMinutes(1);
        await this.RegisterOrUpdateReminder("expire", due < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : due, TimeSpan.FromHours(1), cancellationToken);
        return true;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.ExpiresAt is { } expires && time.GetUtcNow() < expires)
        {
            return;
        }
        await state.ClearStateAsync();
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        DeactivateOnIdle();
    }
}

public sealed record SingleUseState
{
    public DateTimeOffset? UsedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}
