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

    public static void EnsureValidWait(int? wait)
    {
        if (wait is < 0 or > MaxWaitSeconds)
        {
            throw ProblemCodes.Challenges.WaitInvalid.Error($"'wait' must be 0..{MaxWaitSeconds} seconds.");
        }
    }

    /// <param name="apiKeyId">Whose long-polls are counted (<see cref="LongPollSlots"/>).</param>
    /// <param name="waitOnGrain">Reads (zero wait) or waits on the grain for at most the given time.</param>
    public async Task<T> ReadAsync<T>(string apiKeyId, int? wait, Func<TimeSpan, CancellationToken, Task<T>> waitOnGrain, Func<T, bool> pending,
        CancellationToken cancellationToken)
    {
        EnsureValidWait(wait);
        var value = await waitOnGrain(TimeSpan.Zero, cancellationToken);
        if (wait is null or 0 || !pending(value))
        {
            return value;
        }
        // A silo shutting down answers its waiters ("still pending") instead of holding shutdown for the whole wait.
        var stopping = lifetime.ApplicationStopping;
        using var slot = slots.Enter(apiKeyId);
        using var scope = PushAuthDiagnostics.BeginLongPoll();
        var deadline = TimeProvider.System.GetTimestamp() + (long)(wait.Value * (double)TimeProvider.System.TimestampFrequency);
        while (pending(value) && !stopping.IsCancellationRequested)
        {
            var left = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero)
            {
                break;
            }
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
            try
            {
                value = await waitOnGrain(left < ChallengeWaits.MaxGrainWait ? left : ChallengeWaits.MaxGrainWait, linked.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                value = await waitOnGrain(TimeSpan.Zero, cancellationToken);
            }
            catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException && !cancellationToken.IsCancellationRequested)
            {
                // The grain's silo died while we waited: the grain reactivates on another silo at the next call.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
        return value;
    }
}
