using Orleans.Storage;
using PushAuth.Diagnostics;

namespace PushAuth.Grains.Effects;

/// <summary>The one ETag-checked write every grain that decides makes (the owing grains and the user grain).</summary>
internal static class StateWrite
{
    /// <summary>
    /// Writes <paramref name="next"/>. A lost ETag race (another activation wrote: a split-brain moment) puts the state
    /// back, drops this activation (<paramref name="deactivate"/>) and answers a retryable 409; nothing is re-run behind the
    /// caller's back. Any other failure puts the state back and surfaces.
    /// </summary>
    public static async Task SaveAsync<TState>(IPersistentState<TState> persisted, TState next, string grainType, string conflictDetail, Action deactivate,
        CancellationToken cancellationToken)
    {
        var before = persisted.State;
        persisted.State = next;
        try
        {
            await persisted.WriteStateAsync(cancellationToken);
        }
        catch (InconsistentStateException)
        {
            persisted.State = before;
            PushAuthDiagnostics.RecordStorageConflict(grainType);
            deactivate();
            throw ProblemCodes.Service.StorageConflict.Error(conflictDetail);
        }
        catch
        {
            persisted.State = before;
            throw;
        }
    }
}
