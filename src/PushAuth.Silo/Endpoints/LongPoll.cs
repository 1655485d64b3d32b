using Orleans.Runtime;
using PushAuth.Diagnostics;

namespace PushAuth.Silo.Endpoints;

/// <summary>
/// Bounded long-polls: answer at once, or wait up to <c>wait</c> seconds for a decision and answer "still pending".
/// The wait itself runs on the grain (an interleaving call that the answer completes, on whichever silo it lands),
/// in slices shorter than Orleans' response timeout.
/// </summary>
internal sealed class LongPoll(LongPollSlots slots, IHostApplicationLifetime lifetime)
{
    /// <summary>Shorter than any sensible client or proxy timeout.</summary>
    public const int MaxWaitSeconds = 30;

    private static readonly TimeSpan MinimumSlice = TimeSpan.FromMilliseconds(20);

    public static void EnsureValidWait(int? wait)
    {
        if (wait is < 0 or > MaxWaitSeconds)
        {
            throw ProblemCodes.Challenges.WaitInvalid.Error($"'wait' must be 0..{MaxWaitSeconds} seconds.");
        }
    }

    /// <param name="apiKeyId">Whose long-polls are counted (<see cref="LongPollSlots"/>).</param>
    /// <param name="waitOnGrain">Reads (zero wait) or waits on the grain for at most the given time; the grain answers at once
    /// when the value is already decided, so one call serves both the immediate read and the wait.</param>
    public async Task<T> ReadAsync<T>(string apiKeyId, int? wait, Func<TimeSpan, CancellationToken, Task<T>> waitOnGrain, Func<T, bool> pending,
        CancellationToken cancellationToken)
    {
        EnsureValidWait(wait);
        // A silo shutting down answers its waiters ("still pending") instead of holding shutdown for the whole wait.
        var stopping = lifetime.ApplicationStopping;
        if (wait is null or 0 || stopping.IsCancellationRequested)
        {
            return await waitOnGrain(TimeSpan.Zero, cancellationToken);
        }
        var slot = slots.TryEnter(apiKeyId);
        if (slot is null)
        {
            // No slot free: a decided value is still answered; only a caller that would wait is refused.
            var now = await waitOnGrain(TimeSpan.Zero, cancellationToken);
            if (!pending(now))
            {
                return now;
            }
            slot = slots.Enter(apiKeyId);
        }
        using (slot)
        using (PushAuthDiagnostics.BeginLongPoll())
        {
            return await WaitAsync(wait.Value, waitOnGrain, pending, stopping, cancellationToken);
        }
    }

    private static async Task<T> WaitAsync<T>(int wait, Func<TimeSpan, CancellationToken, Task<T>> waitOnGrain, Func<T, bool> pending, CancellationToken stopping,
        CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(wait * (double)TimeProvider.System.TimestampFrequency);
        var first = true;
        T value = default!;
        while (first || (pending(value) && !stopping.IsCancellationRequested))
        {
            var left = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline);
            // The grain's timer may fire a millisecond early: a remainder that short is not worth another grain call.
            if (left < MinimumSlice)
            {
                if (first)
                {
                    value = await waitOnGrain(TimeSpan.Zero, cancellationToken);
                }
                break;
            }
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
            try
            {
                value = await waitOnGrain(left < ChallengeWaits.MaxGrainWait ? left : ChallengeWaits.MaxGrainWait, linked.Token);
                first = false;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                value = await waitOnGrain(TimeSpan.Zero, cancellationToken);
                first = false;
            }
            catch (Exception ex) when (!first && ex is SiloUnavailableException or OrleansMessageRejectionException && !cancellationToken.IsCancellationRequested)
            {
                // The grain's silo died while we waited: the grain reactivates on another silo at the next call. (On the
                // first call the caller gets 503 at once, as for any read.)
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
        return value;
    }
}
