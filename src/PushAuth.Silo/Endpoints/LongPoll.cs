using System.Diagnostics;
using PushAuth.Abstractions;
using PushAuth.Diagnostics;
using PushAuth.Hosting;

namespace PushAuth.Silo.Endpoints;

/// <summary>Bounded long-polls: answer at once, or wait up to <c>wait</c> seconds for a decision and answer "still pending".</summary>
internal static class LongPoll
{
    /// <summary>Shorter than any sensible client or proxy timeout.</summary>
    public const int MaxWaitSeconds = 30;

    /// <summary>Reads, and while the result is pending and time is left, waits for a wake-up on <paramref name="topic"/> and reads again.
    /// Subscribing before the first read means a decision landing in between still wakes us; a lost wake-up costs only latency.</summary>
    public static async Task<T> ReadAsync<T>(HttpContext http, string topic, int? wait, Func<CancellationToken, Task<T>> read,
        Func<T, bool> pending, Func<T, DateTimeOffset> expiresAt, CancellationToken cancellationToken)
    {
        var bus = http.RequestServices.GetRequiredService<INotificationBus>();
        // A silo shutting down answers its waiters ("still pending") instead of holding shutdown for the whole wait.
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        if (wait is < 0 or > MaxWaitSeconds)
        {
            throw PushAuthException.Invalid("wait.invalid", $"'wait' must be 0..{MaxWaitSeconds} seconds.");
        }
        using var subscription = wait > 0 ? bus.Subscribe(topic) : null;
        var value = await read(cancellationToken);
        if (subscription is null || !pending(value))
        {
            return value;
        }
        using var scope = PushAuthDiagnostics.BeginLongPoll();
        var deadline = Stopwatch.GetTimestamp() + (long)(wait!.Value * (double)Stopwatch.Frequency);
        while (pending(value))
        {
            var left = TimeSpan.FromTicks(Math.Min(
                Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline).Ticks,
                (expiresAt(value) - DateTimeOffset.UtcNow).Ticks + TimeSpan.TicksPerSecond));
            if (left <= TimeSpan.Zero)
            {
                break;
            }
            if (stopping.IsCancellationRequested)
            {
                break;
            }
            using (var waitToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping))
            {
                try
                {
                    await subscription.WaitAsync(left, waitToken.Token);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                }
            }
            value = await read(cancellationToken);
        }
        return value;
    }
}
