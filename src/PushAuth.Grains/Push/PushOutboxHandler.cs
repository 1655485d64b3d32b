using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PushAuth.Abstractions;
using PushAuth.Diagnostics;
using PushAuth.Hosting;
using PushAuth.Hosting.Storage;
using PushAuth.Push;

namespace PushAuth.Grains.Push;

/// <summary>
/// The gateway's push dispatch: turns "push" outbox rows into FCM/APNs/dev sends. Never sends for a challenge
/// already resolved or a message past its expiry (the give-up time); retries what the provider asks us to retry,
/// honouring Retry-After; a dead token marks the device's token invalid (the device can still pull).
/// </summary>
public sealed partial class PushOutboxHandler(
    PushSenders senders, IGrainFactory grains, TimeProvider time, ILogger<PushOutboxHandler> logger) : IOutboxHandler
{
    /// <summary>In-flight sends per provider in this silo.</summary>
    public const int PerProviderConcurrency = 128;

    private readonly ConcurrentDictionary<PushProvider, SemaphoreSlim> _slots = new();

    public string Topic => PushRequest.Topic;

    public int MaxConcurrency => PerProviderConcurrency * 3;

    public async Task<OutboxOutcome> HandleAsync(OutboxEnvelope envelope, CancellationToken cancellationToken = default)
    {
        var request = PushRequest.FromJson(envelope.Payload);
        var now = time.GetUtcNow();
        if (now >= request.ExpiresAt)
        {
            return OutboxOutcome.Drop("expired");
        }
        if (request.Kind == "challenge" && !await grains.GetGrain<IChallengeGrain>(request.ReferenceId).IsPendingAsync(cancellationToken).ConfigureAwait(false))
        {
            return OutboxOutcome.Drop("challenge already resolved");
        }
        var device = grains.GetGrain<IDevicePushGrain>(request.DeviceId);
        var info = await device.GetPushInfoAsync(cancellationToken).ConfigureAwait(false);
        if (info is not { Active: true, TokenValid: true, Token: { } token })
        {
            return OutboxOutcome.Drop("device has no valid push token; it pulls instead");
        }
        if (!TryParseProvider(info.Provider, out var provider))
        {
            return OutboxOutcome.Drop($"unknown provider {info.Provider}");
        }
        var message = new PushMessage(envelope.Id.ToString(CultureInfo.InvariantCulture), provider, token, info.Platform, request.Kind,
            request.ReferenceId, request.Nonce, request.ExpiresAt, request.CollapseId);
        var slots = _slots.GetOrAdd(provider, static _ => new SemaphoreSlim(PerProviderConcurrency, PerProviderConcurrency));
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        PushResult result;
        PushAuthDiagnostics.RecordPushDispatchDelay(info.Provider, time.GetUtcNow() - envelope.CreatedAt);
        var started = Stopwatch.GetTimestamp();
        using (var activity = PushAuthDiagnostics.Push.StartActivity("push.send", ActivityKind.Client))
        {
            activity?.SetTag("pushauth.push.provider", info.Provider);
            activity?.SetTag("pushauth.push.kind", request.Kind);
            try
            {
                result = await senders.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
            activity?.SetTag("pushauth.push.result", result.Kind.ToString());
            if (!result.IsDelivered)
            {
                activity?.SetStatus(ActivityStatusCode.Error, result.Reason);
            }
        }
        PushAuthDiagnostics.RecordPushSend(info.Provider, ResultKindTag(result.Kind), result.Reason, Stopwatch.GetElapsedTime(started));
        return await OutcomeAsync(envelope, request, device, token, info.Provider, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OutboxOutcome> OutcomeAsync(OutboxEnvelope envelope, PushRequest request, IDevicePushGrain device, string token, string provider, PushResult result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        switch (result.Kind)
        {
            case PushResultKind.Delivered:
                return OutboxOutcome.Done;
            case PushResultKind.DeadToken:
                LogDeadToken(provider, request.DeviceId, result.Reason);
                await device.MarkPushTokenInvalidAsync(token, $"{provider}:{result.Reason}", cancellationToken).ConfigureAwait(false);
                return OutboxOutcome.Drop("dead token");
            case PushResultKind.AuthFailure:
                LogAuthFailure(provider, result.Reason);
                break;
            case PushResultKind.PermanentFailure:
                LogPermanentFailure(provider, request.DeviceId, result.Reason);
                return OutboxOutcome.Drop(result.Reason);
        }
        var backoff = OutboxBackoff.For(envelope.Attempts);
        var retryAt = now + (result.RetryAfter is { } wait && wait > backoff ? wait : backoff);
        return retryAt >= request.ExpiresAt
            ? OutboxOutcome.Drop($"{result.Reason}; expires before the next attempt")
            : OutboxOutcome.Retry(retryAt, result.Reason);
    }

    private static bool TryParseProvider(string value, out PushProvider provider) =>
        Enum.TryParse(value, ignoreCase: true, out provider) && Enum.IsDefined(provider);

    private static string ResultKindTag(PushResultKind kind) => kind switch
    {
        PushResultKind.Delivered => PushAuthDiagnostics.PushResultKinds.Success,
        PushResultKind.DeadToken => PushAuthDiagnostics.PushResultKinds.InvalidToken,
        PushResultKind.RetryLater => PushAuthDiagnostics.PushResultKinds.Retryable,
        PushResultKind.AuthFailure => PushAuthDiagnostics.PushResultKinds.AuthFailure,
        _ => PushAuthDiagnostics.PushResultKinds.Permanent,
    };

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "{Provider} reports the push token of device {DeviceId} dead ({Reason}); marked invalid, the device will pull")]
    private partial void LogDeadToken(string provider, string deviceId, string reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Critical, Message = "{Provider} rejected our provider credentials ({Reason}); pushes are failing until the credentials are fixed")]
    private partial void LogAuthFailure(string provider, string reason);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "{Provider} permanently refused a push to device {DeviceId}: {Reason}")]
    private partial void LogPermanentFailure(string provider, string deviceId, string reason);
}
