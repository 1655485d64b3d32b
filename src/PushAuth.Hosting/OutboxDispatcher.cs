using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PushAuth.Diagnostics;
using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting;

/// <summary>
/// Hands committed outbox messages to their handlers. Messages written by this silo arrive at once (inserted
/// already claimed by it); the poll loop picks up the rest: due retries, other silos' topics, and messages
/// whose claiming silo died (lease expired). Several silos share the work through claims.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService, IOutboxSink
{
    private readonly Dictionary<string, (IOutboxHandler Handler, SemaphoreSlim Slots)> _handlers;
    private readonly Channel<OutboxEnvelope> _queue = Channel.CreateUnbounded<OutboxEnvelope>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly IGrainStorage _storage;
    private readonly SiloReadiness _readiness;
    private readonly GrainHostingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;
    private int _queued;

    public OutboxDispatcher(
        IEnumerable<IOutboxHandler> handlers, IGrainStorage storage, GrainWriteContext writeContext, SiloReadiness readiness,
        IOptions<GrainHostingOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger)
    {
        _handlers = handlers.ToDictionary(h => h.Topic, h => (h, new SemaphoreSlim(h.MaxConcurrency, h.MaxConcurrency)), StringComparer.Ordinal);
        _storage = storage;
        _readiness = readiness;
        _options = options.Value;
        _time = time;
        _logger = logger;
        Topics = _handlers.Keys.ToHashSet(StringComparer.Ordinal);
        writeContext.AttachOutbox(this);
    }

    /// <summary>Topics this silo handles.</summary>
    public IReadOnlyCollection<string> Topics { get; }

    void IOutboxSink.Enqueue(OutboxEnvelope envelope)
    {
        Interlocked.Increment(ref _queued);
        _queue.Writer.TryWrite(envelope);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Topics.Count == 0)
        {
            return;
        }
        await _readiness.WhenReady.WaitAsync(stoppingToken).ConfigureAwait(false);
        var poll = PollAsync(stoppingToken);
        try
        {
            await foreach (var envelope in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                Interlocked.Decrement(ref _queued);
                var (handler, slots) = _handlers[envelope.Topic];
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var task = HandleAsync(handler, slots, envelope);
                _inFlight.TryAdd(task, 0);
                _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await poll.ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // Graceful shutdown: let in-flight sends finish; what does not finish in time stays claimed until its
        // lease ends, and another silo takes it over.
        try
        {
            await Task.WhenAll(_inFlight.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(_inFlight.Count);
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Volatile.Read(ref _queued) < _options.ClaimBatchSize)
                {
                    var claimed = await _storage.ClaimOutboxAsync(_options.SiloId, Topics, _time.GetUtcNow(), _options.ClaimLease, _options.ClaimBatchSize, stoppingToken).ConfigureAwait(false);
                    foreach (var envelope in claimed)
                    {
                        ((IOutboxSink)this).Enqueue(envelope);
                    }
                    if (claimed.Count == _options.ClaimBatchSize)
                    {
                        continue;
                    }
                }
                await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPollFailed(ex);
                await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(IOutboxHandler handler, SemaphoreSlim slots, OutboxEnvelope envelope)
    {
        try
        {
            OutboxOutcome outcome;
            // The handler's work continues the trace of the request that produced the message.
            using var activity = TraceContextCarrier.StartActivity(PushAuthDiagnostics.Grains, "outbox " + envelope.Topic, envelope.TraceContext, ActivityKind.Consumer);
            activity?.SetTag("pushauth.outbox.attempt", envelope.Attempts);
            try
            {
                outcome = await handler.HandleAsync(envelope, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogHandlerFailed(ex, envelope.Topic, envelope.Id);
                outcome = OutboxOutcome.Retry(_time.GetUtcNow() + OutboxBackoff.For(envelope.Attempts), ex.GetType().Name);
            }
            switch (outcome.Kind)
            {
                case OutboxOutcomeKind.Retry:
                    await _storage.RescheduleOutboxAsync(envelope.Id, outcome.RetryAt ?? _time.GetUtcNow() + OutboxBackoff.For(envelope.Attempts), outcome.Reason, CancellationToken.None).ConfigureAwait(false);
                    break;
                case OutboxOutcomeKind.Dropped:
                    LogDropped(envelope.Topic, envelope.Id, outcome.Reason ?? "");
                    await _storage.CompleteOutboxAsync(envelope.Id, CancellationToken.None).ConfigureAwait(false);
                    break;
                default:
                    await _storage.CompleteOutboxAsync(envelope.Id, CancellationToken.None).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex)
        {
            // The claim lapses and another poll (here or elsewhere) retries the message.
            LogCompletionFailed(ex, envelope.Topic, envelope.Id);
        }
        finally
        {
            slots.Release();
        }
    }


    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Shutdown timed out with {Count} outbox message(s) in flight; their claims will lapse and another silo takes them over")]
    private partial void LogAbandoned(int count);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Outbox poll failed")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Outbox handler for {Topic} failed on message {MessageId}; retrying with backoff")]
    private partial void LogHandlerFailed(Exception exception, string topic, long messageId);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Outbox message {MessageId} of {Topic} dropped: {Reason}")]
    private partial void LogDropped(string topic, long messageId, string reason);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Outbox message {MessageId} of {Topic} could not be completed; its claim will lapse")]
    private partial void LogCompletionFailed(Exception exception, string topic, long messageId);
}
