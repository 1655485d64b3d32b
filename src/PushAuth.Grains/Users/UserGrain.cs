using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Users;
using PushAuth.Grains.Audit;
using PushAuth.Grains.Devices;
using PushAuth.Grains.Effects;
using PushAuth.Grains.Security;
using PushAuth.Grains.Storage;
using PushAuth.Grains.Tenants;
using PushAuth.Diagnostics;
using PushAuth.History;

namespace PushAuth.Grains.Users;

/// <summary>
/// The user's grain: load, decide with <see cref="UserDecider"/>, save once through the owing-grain shell, hand out what
/// is owed. This file holds what the user adds to the shell (the expiry timer, waiters, pruning resolved challenges);
/// the commands are in <c>UserGrain.Challenges.cs</c>, <c>UserGrain.Methods.cs</c> and <c>UserGrain.Recovery.cs</c>.
/// </summary>
internal partial class UserGrain(
    [PersistentState("user", StorageNames.Default)] IPersistentState<UserState> state,
    EffectDelivery effects,
    KeyMaterial keys,
    DeviceKeyCache deviceKeys,
    TenantSettingsCache tenants,
    WebhookTargets webhookTargets,
    AuditTrail audit,
    IUserIndex userIndex,
    WrongCodeLatency wrongCodeLatency,
    IOptions<ChallengeOptions> options,
    TimeProvider time,
    ILogger<UserGrain> logger) : OwingGrain<UserState>(state, effects), IUserGrain
{
    private readonly Dictionary<string, List<TaskCompletionSource>> _waiters = new(StringComparer.Ordinal);
    private readonly UserDecider _decider = new(options.Value, time);
    private IGrainTimer? _expiryTimer;

    /// <summary>The state as last saved: what interleaved waits read, never a decision still being written.</summary>
    private UserState _committed = new();

    private string Key => this.GetPrimaryKeyString();

    protected override string GrainTypeName => "user";

    /// <summary>The name the user's reminders were registered under before the shell was shared: rows still name it.</summary>
    protected override string ReminderName => "tick";

    protected override string ConflictDetail => "The user changed concurrently; retry the request.";

    protected override UserState WithOwed(UserState s, OwedEffects owed) => s with { Owed = owed };

    /// <summary>A pending challenge keeps the reminder too: it expires on the tick if no timer is left to do it.</summary>
    protected override bool NeedsReminder(UserState s) => !s.Owed.IsEmpty || s.Challenges.Any(c => c.IsPending);

    protected override UserState Prepared(UserState next) =>
        next with { Challenges = UserChallenges.Prune(next.Challenges, time.GetUtcNow(), options.Value.ResolvedGracePeriod) };

    protected override void Saved(UserState saved)
    {
        _committed = saved;
        WakeWaiters(saved);
        ArmExpiryTimer();
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _committed = Persisted.State;
        ArmExpiryTimer();
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

    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ExpireDueAsync(CancellationToken.None);
        await base.ReceiveReminder(reminderName, status);
    }

    /// <summary>Saves a decision, then records the metrics of what it resolved and blocked.</summary>
    private async Task SaveAsync(UserDecision decision, CancellationToken cancellationToken)
    {
        await SaveAsync(decision.State, cancellationToken);
        foreach (var c in decision.Resolved)
        {
            RecordResolved(c);
        }
        if (decision.PushBlocked)
        {
            PushAuthDiagnostics.RecordPushBlocked(decision.State.TenantId);
        }
    }

    private void ArmExpiryTimer()
    {
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        if (UserChallenges.NextExpiry(Persisted.State.Challenges) is not { } next)
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
        if (_decider.ExpireDue(Persisted.State) is { } decision)
        {
            await SaveAsync(decision, cancellationToken);
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
    private bool Owns(string tenantId) => Persisted.State.TenantId == tenantId;

    /// <summary>The first write of a user records who it is; the key is a hash of tenant and user id.</summary>
    private UserState Owned(string tenantId, string userId)
    {
        var s = Persisted.State;
        if (s.Exists && (s.TenantId != tenantId || s.UserId != userId))
        {
            throw ProblemCodes.Users.KeyCollision.Error("This user cannot be stored under its key; contact the operator.");
        }
        return s.Exists ? s : s with { TenantId = tenantId, UserId = userId };
    }
}
