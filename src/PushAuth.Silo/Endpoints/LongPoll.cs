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
    public static async Task<T> ReadAsync<T>(INotificationBus bus, string topic, int? wait, Func<CancellationToken, Task<T>> read,
        Func<T, bool> pending, Func<T, DateTimeOffset> expiresAt, CancellationToken cancellationToken)
    {
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
            await subscription.WaitAsync(left, cancellationToken);
            value = await read(cancellationToken);
        }
        return value;
    }
}
