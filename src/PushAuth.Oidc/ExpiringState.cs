using PushAuth.Abstractions;

namespace PushAuth.Oidc;

/// <summary>The stored state of a prompt or CIBA request: it lives until the request can no longer be used, then a
/// reminder clears it, so finished sign-ins leave no rows behind.</summary>
public sealed record AuthenticationState
{
    public string? TenantId { get; init; }

    public OidcAuthentication? Authentication { get; init; }
}

/// <summary>The reminder both the prompt and the CIBA request grains register for their state's end.</summary>
internal static class AuthenticationStateExpiry
{
    /// <summary>Clears the state once its sign-in has expired, drops the reminder and lets the activation go; an early
    /// tick (the reminder's period is coarse) leaves everything as it is.</summary>
    public static async Task ClearIfExpiredAsync(this Grain grain, IPersistentState<AuthenticationState> state, TimeProvider time, string reminderName)
    {
        if (state.State.Authentication is { } a && time.GetUtcNow() < a.ExpiresAt)
        {
            return;
        }
        await state.ClearStateAsync();
        if (await grain.GetReminder(reminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
        grain.DeactivateOnIdle();
    }
}
