using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Users;
using PushAuth.Grains.Challenges;
using PushAuth.Grains.Effects;
using PushAuth.Grains.Security;
using PushAuth.Grains.Storage;
using PushAuth.Grains.Tenants;
using PushAuth.Diagnostics;
using PushAuth.History;

namespace PushAuth.Grains.Users;

/// <summary>
/// The user's grain: load, decide with the pure rules of PushAuth.Domain, save once, hand out what is owed.
/// This file holds the shell (saving, the reminder, the expiry timer, waiters); the decisions are in
/// <c>UserGrain.Challenges.cs</c> and <c>UserGrain.Methods.cs</c>.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", StorageNames.Default)] IPersistentState<UserState> state,
    EffectDelivery effects,
    KeyMaterial keys,
    DeviceKeyCache deviceKeys,
    TenantSettingsCache tenants,
    IUserIndex userIndex,
    IOptions<ChallengeOptions> options,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IRemindable
{
    private const string ReminderName = "tick";


    private readonly Dictionary<string, List<TaskCompletionSource>> _waiters = new(StringComparer.Ordinal);
    private IGrainTimer? _expiryTimer;

    /// <summary>The state as last saved: what interleaved waits read, never a decision still being written.</summary>
    private UserState _committed = new();

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _committed = state.State;
        effects.Committed(state.State.Owed);
        ArmExpiryTimer();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Waiters re-read from wherever the grain activates next.
        foreach (var waiter in _waiters.Values.SelectMany(w => w))
        {
            waiter.TrySetResult();
        }
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ExpireDueAsync(CancellationToken.None);
        await effects.DrainAsync(CancellationToken.None);
        var s = state.State;
        if (!NeedsReminder(s with { Owed = s.Owed.Without(effects.Delivered) }))
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            if (s.ReminderActive || !s.Owed.IsEmpty)
            {
                await SaveAsync(s with { ReminderActive = false }, CancellationToken.None);
            }
        }
    }

    /// <summary>Saves <paramref name="next"/> with one ETag-checked write, then hands out what it owes, wakes waiters
    /// and re-arms the expiry timer. A lost ETag race (another activation wrote: a split-brain moment) drops this
    /// activation and answers a retryable conflict; nothing is re-run behind the caller's back.</summary>
    private async Task SaveAsync(UserState next, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        next = next with
        {
            Owed = next.Owed.Without(effects.Delivered),
            Challenges = UserChallenges.Prune(next.Challenges, now, options.Value.ResolvedGracePeriod),
        };
        if (NeedsReminder(next) && !next.ReminderActive)
        {
            // Registered before the write, so a crash right after it still leaves a reminder to finish the job.
            await this.RegisterOrUpdateReminder(ReminderName, effects.ReminderPeriod, effects.ReminderPeriod, cancellationToken);
            next = next with { ReminderActive = true };
        }
        var before = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (InconsistentStateException)
        {
            state.State = before;
            PushAuthDiagnostics.RecordStorageConflict("user");
            this.DeactivateOnIdle();
            throw PushAuthException.Conflict("storage.conflict", "The user changed concurrently; retry the request.");
        }
        catch
        {
            state.State = before;
            throw;
        }
        _committed = next;
        effects.Committed(next.Owed);
        WakeWaiters(next);
        ArmExpiryTimer();
    }

    private static bool NeedsReminder(UserState s) => !s.Owed.IsEmpty || s.Challenges.Any(c => c.IsPending);

    private void ArmExpiryTimer()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        if (UserChallenges.NextExpiry(state.State.Challenges) is not { } next)
        {
            return;
        }
        var due = next - time.GetUtcNow();
        _expiryTimer = this.RegisterGrainTimer(ExpireDueAsync, new GrainTimerCreationOptions
        {
            DueTime = due > TimeSpan.Zero ? due + TimeSpan.FromMilliseconds(10) : TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = false,
            KeepAlive = true,
        });
    }

    /// <summary>Resolves every pending challenge past its expiry as expired, in one write.</summary>
    private async Task ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var s = state.State;
        var expired = s.Challenges.Where(c => c.IsPending && now >= c.ExpiresAt).Select(c => ChallengeDecider.Expire(c, now)).ToList();
        if (expired.Count == 0)
        {
            return;
        }
        var owed = s.Owed;
        var challenges = s.Challenges;
        foreach (var c in expired)
        {
            challenges = UserChallenges.Replace(challenges, c);
            owed = owed.WithoutPushes(p => p.Request.ReferenceId == c.ChallengeId && p.Request.Kind == "challenge")
                .Plus(ChallengeEffects.Resolved(c, RequestOrigin.Internal, "system", now));
        }
        await SaveAsync(s with { Challenges = challenges, Owed = owed }, cancellationToken);
        foreach (var c in expired)
        {
            RecordResolved(c);
        }
    }

    private void WakeWaiters(UserState saved)
    {
        if (_waiters.Count == 0)
        {
            return;
        }
        foreach (var c in saved.Challenges.Where(c => !c.IsPending && _waiters.ContainsKey(c.ChallengeId)))
        {
            foreach (var waiter in _waiters[c.ChallengeId])
            {
                waiter.TrySetResult();
            }
            _waiters.Remove(c.ChallengeId);
        }
    }

    /// <summary>True when this grain holds the given tenant's user (or nothing yet).</summary>
    private bool Owns(string tenantId) => state.State.TenantId == tenantId;

    /// <summary>The first write of a user records who it is; the key is a hash of tenant and user id.</summary>
    private UserState Owned(string tenantId, string userId)
    {
        var s = state.State;
        if (s.Exists && (s.TenantId != tenantId || s.UserId != userId))
        {
            throw PushAuthException.Conflict("user.key-collision", "This user cannot be stored under its key; contact the operator.");
        }
        return s.Exists ? s : s with { TenantId = tenantId, UserId = userId };
    }

    private HistoryEvent Event(string activity, string? method, string actor, string status, RequestOrigin origin, string? remarks = null,
        string? deviceId = null, string? correlationId = null, string? policy = null) =>
        new(EffectIds.New(), time.GetUtcNow(), state.State.TenantId!, state.State.UserId, actor, activity, method, status, origin.SourceIp, null, null,
            deviceId, policy, remarks, correlationId, origin.TraceId, origin.UserAgent);

    /// <summary>Appends an event about an attempt that changed nothing (so no write carries it). Best effort.</summary>
    private void AppendUnowned(HistoryEvent e) =>
        _ = GrainFactory.GetGrain<ITenantHistoryGrain>(e.TenantId).AppendAsync([e]).ContinueWith(
            t => LogUnownedAppendFailed(t.Exception!, e.Activity), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Current);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "A history event ({Activity}) for a rejected attempt could not be appended")]
    private partial void LogUnownedAppendFailed(Exception exception, string activity);
}
