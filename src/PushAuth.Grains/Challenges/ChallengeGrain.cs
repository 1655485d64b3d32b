using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PushAuth.Abstractions;
using PushAuth.Diagnostics;
using PushAuth.Hosting;
using PushAuth.Hosting.Storage;
using PushAuth.Security;

namespace PushAuth.Grains.Challenges;

/// <summary>The shell around <see cref="ChallengeDecider"/>: loads, decides, writes with the ETag, stages effects.</summary>
public sealed class ChallengeGrain(
    IGrainContext context,
    IPersistentState<ChallengeState> state,
    DeviceKeyCache deviceKeys,
    IGrainStorage storage,
    IOptions<ChallengeOptions> options,
    TimeProvider time) : IChallengeGrain, IRemindable
{
    private const string ExpireReminder = "expire";
    private const string PurgeReminder = "purge";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string Id => context.GrainId.Key;

    public async Task<ChallengeView> CreateAsync(ChallengeSpec spec, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (state.State.Status != ChallengeStatus.None)
        {
            return View(state.State);
        }
        var now = time.GetUtcNow();
        var created = ChallengeDecider.Create(spec, Base64UrlNonce(), now);
        state.State = created;
        if (created.IsPending)
        {
            foreach (var deviceId in created.Targets)
            {
                state.StageOutbox(new OutboxMessage(PushRequest.Topic,
                    new PushRequest("challenge", deviceId, Id, created.Nonce, created.ExpiresAt, Id).ToJson(), TraceContext: spec.TraceContext));
            }
            state.StageReminder(ExpireReminder, created.ExpiresAt);
        }
        state.StageAudit(Audit(created, created.IsPending ? "challenge.created" : "challenge.auto-approved", "login-service",
            created.IsPending ? "pending" : "approved", origin, created.AutoApprovedByRule));
        if (!created.IsPending)
        {
            StageResolutionEffects(created, origin, answeredBy: null);
        }
        state.StageNotification(Topic(Id));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        PushAuthDiagnostics.RecordChallengeCreated(created.TenantId);
        if (!created.IsPending)
        {
            PushAuthDiagnostics.RecordChallengeResolved(PushAuthDiagnostics.ChallengeOutcomes.Approved, TimeSpan.Zero);
        }
        return View(created);
    }

    public async Task<ChallengeView?> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        if (!BelongsTo(tenantId))
        {
            return null;
        }
        await ExpireIfDueAsync(cancellationToken).ConfigureAwait(false);
        return View(state.State);
    }

    public async Task<DeviceChallengeView?> GetForDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        if (s.Status == ChallengeStatus.None || !s.Targets.Contains(deviceId, StringComparer.Ordinal))
        {
            return null;
        }
        await ExpireIfDueAsync(cancellationToken).ConfigureAwait(false);
        s = state.State;
        return new DeviceChallengeView(Id, s.TenantId, s.UserId, s.Status, s.Context!, s.Nonce, s.NumberMatch is not null,
            s.NumberMatch?.Length ?? 0, s.CreatedAt, s.ExpiresAt);
    }

    public async Task<AnswerOutcome> AnswerAsync(ChallengeAnswer answer, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var before = state.State;
        // The device's answer is its own trace; a link ties it back to the login service's request.
        ActivityLink[]? links = TraceContextCarrier.Parse(before.TraceContext) is { } created ? [new ActivityLink(created)] : null;
        using var activity = PushAuthDiagnostics.Grains.StartActivity("challenge.answer", ActivityKind.Internal, parentContext: default, links: links);
        var now = time.GetUtcNow();
        var isTarget = before.Status != ChallengeStatus.None && before.Targets.Contains(answer.DeviceId, StringComparer.Ordinal);
        var signatureValid = isTarget && await SignatureValidAsync(before, answer, cancellationToken).ConfigureAwait(false);
        var pending = ChallengeDecider.EffectiveStatus(before, now) == ChallengeStatus.Pending;
        // Pairing is re-checked on the user grain at answer time (a device revoked after the push cannot answer);
        // only a validly signed answer to a pending challenge is worth that call.
        var paired = !(signatureValid && pending)
            || await context.GrainFactory.GetGrain<IUserPushTargetsGrain>(GrainKeys.User(before.TenantId, before.UserId))
                .IsDevicePairedAsync(answer.DeviceId, cancellationToken).ConfigureAwait(false);
        var (after, outcome) = ChallengeDecider.Answer(before, answer, signatureValid, paired, now);
        if (ReferenceEquals(after, before))
        {
            if (before.Status != ChallengeStatus.None)
            {
                await storage.AppendAuditAsync([Audit(before, "challenge.answer-rejected", answer.DeviceId, outcome.RejectionCode ?? "rejected", origin, null)], cancellationToken).ConfigureAwait(false);
            }
            return outcome;
        }
        state.State = after;
        if (after.Status is ChallengeStatus.Approved or ChallengeStatus.Denied && after.ResolvedBy is not null)
        {
            state.StageAudit(Audit(after, "challenge.answered", answer.DeviceId, outcome.Accepted ? after.Status.ToString().ToLowerInvariant() : outcome.RejectionCode!, origin,
                after.DenyReason?.ToString()));
        }
        StageResolutionEffects(after, origin, after.ResolvedBy);
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        RecordResolved(after);
        return outcome;
    }

    public async Task<ChallengeView?> CancelAsync(string tenantId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (!BelongsTo(tenantId))
        {
            return null;
        }
        var before = state.State;
        var after = ChallengeDecider.Cancel(before, time.GetUtcNow());
        if (!ReferenceEquals(before, after))
        {
            await ResolveAsync(after, origin, cancellationToken).ConfigureAwait(false);
        }
        return View(state.State);
    }

    public async Task CancelForRemovedDeviceAsync(string deviceId, IReadOnlyCollection<string> remainingPairedDevices, CancellationToken cancellationToken = default)
    {
        var before = state.State;
        if (!before.IsPending || !before.Targets.Contains(deviceId, StringComparer.Ordinal)
            || before.Targets.Any(t => t != deviceId && remainingPairedDevices.Contains(t)))
        {
            return;
        }
        await ResolveAsync(ChallengeDecider.Cancel(before, time.GetUtcNow()), RequestOrigin.Internal, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> IsPendingAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(ChallengeDecider.EffectiveStatus(state.State, time.GetUtcNow()) == ChallengeStatus.Pending);

    public async Task ReceiveReminderAsync(string name, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        if (name == PurgeReminder)
        {
            if (state.RecordExists)
            {
                await state.ClearStateAsync(cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        await ExpireIfDueAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ExpireIfDueAsync(CancellationToken cancellationToken)
    {
        var before = state.State;
        var after = ChallengeDecider.Expire(before, time.GetUtcNow());
        if (!ReferenceEquals(before, after))
        {
            await ResolveAsync(after, RequestOrigin.Internal, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ResolveAsync(ChallengeState after, RequestOrigin origin, CancellationToken cancellationToken)
    {
        state.State = after;
        StageResolutionEffects(after, origin, answeredBy: null);
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        RecordResolved(after);
    }

    /// <summary>Everything that follows a resolution, committed with it: wake waiters, audit, tell the other devices,
    /// update the user's push bookkeeping, the webhook, and the purge after the grace period.</summary>
    private void StageResolutionEffects(ChallengeState s, RequestOrigin origin, string? answeredBy)
    {
        var outcome = s.Status.ToString().ToLowerInvariant();
        if (answeredBy is null)
        {
            state.StageAudit(Audit(s, "challenge." + outcome, s.Status == ChallengeStatus.Cancelled ? "login-service" : "system", outcome, origin, s.AutoApprovedByRule));
        }
        state.StageNotification(Topic(Id));
        if (s.CreatedAt != s.ResolvedAt)
        {
            foreach (var deviceId in s.Targets.Where(t => t != answeredBy))
            {
                state.StageOutbox(new OutboxMessage(PushRequest.Topic,
                    new PushRequest("closed", deviceId, Id, s.Nonce, s.ExpiresAt, Id).ToJson(), TraceContext: s.TraceContext));
            }
        }
        var resolution = new ChallengeResolution(Id, s.Status, s.DenyReason, s.ResolvedBy, s.Context!.Service, s.Context.Action, s.Context.SourceIp,
            s.AutoApprovedByRule is not null, s.ResolvedAt ?? time.GetUtcNow());
        state.StageOutbox(new OutboxMessage(ChallengeResolvedHandler.Topic,
            JsonSerializer.Serialize(new ChallengeResolvedMessage(s.TenantId, s.UserId, resolution), Json), TraceContext: s.TraceContext));
        if (s.WebhookUrl is not null)
        {
            state.StageOutbox(new OutboxMessage(WebhookHandler.Topic,
                JsonSerializer.Serialize(new WebhookMessage(s.TenantId, s.WebhookUrl, View(s)), Json), TraceContext: s.TraceContext));
        }
        state.StageReminderRemoval(ExpireReminder);
        state.StageReminder(PurgeReminder, (s.ResolvedAt ?? time.GetUtcNow()) + options.Value.ResolvedGracePeriod);
    }

    private async Task<bool> SignatureValidAsync(ChallengeState s, ChallengeAnswer answer, CancellationToken cancellationToken)
    {
        if (answer.Decision is not (ChallengeDecider.Decisions.Approve or ChallengeDecider.Decisions.Deny))
        {
            return false;
        }
        var key = await deviceKeys.GetAsync(answer.DeviceId, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return false;
        }
        string canonical;
        try
        {
            canonical = CanonicalChallengeAnswer.Build(Id, answer.Nonce, answer.Decision, answer.NumberAnswer, answer.DeviceId);
        }
        catch (ArgumentException)
        {
            return false;
        }
        return DeviceSignature.Verify(key, canonical, answer.Signature);
    }

    private bool BelongsTo(string tenantId) => state.State.Status != ChallengeStatus.None && state.State.TenantId == tenantId;

    private ChallengeView View(ChallengeState s) => new(Id, s.UserId, s.Status, s.CreatedAt, s.ExpiresAt, s.ResolvedAt, s.NumberMatch,
        s.DenyReason, s.ResolvedBy, s.AutoApprovedByRule is not null, s.SessionBinding);

    private AuditEntry Audit(ChallengeState s, string action, string actor, string outcome, RequestOrigin origin, string? details) =>
        new(time.GetUtcNow(), s.TenantId, s.UserId, actor, action, "push", outcome, origin.SourceIp, origin.UserAgent, origin.TraceId,
            details is null ? $"challenge={Id}" : $"challenge={Id}; {details}");

    private static void RecordResolved(ChallengeState s)
    {
        PushAuthDiagnostics.RecordChallengeResolved(s.Status.ToString().ToLowerInvariant(), (s.ResolvedAt ?? s.CreatedAt) - s.CreatedAt);
        if (s.DenyReason == DenyReason.Fraud)
        {
            PushAuthDiagnostics.RecordFraudReport(s.TenantId);
        }
    }

    /// <summary>The notification topic waiters on a challenge subscribe to.</summary>
    public static string Topic(string challengeId) => "challenge/" + challengeId;

    private static string Base64UrlNonce() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
