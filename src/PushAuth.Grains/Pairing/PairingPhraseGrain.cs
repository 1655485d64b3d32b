using PushAuth.Domain.Pairing;
using PushAuth.Grains.Storage;

namespace PushAuth.Grains.Pairing;

/// <summary>Phrase → pairing id, single use. A leaf grain.</summary>
public sealed class PairingPhraseGrain(
    [PersistentState("phrase", StorageNames.Default)] IPersistentState<PairingPhraseState> state,
    TimeProvider time) : Grain, IPairingPhraseGrain
{
    public async Task<bool> ReserveAsync(string pairingId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        if (state.State.PairingId is not null && !state.State.Used && state.State.ExpiresAt > time.GetUtcNow())
        {
            return false;
        }
        state.State = new PairingPhraseState { PairingId = pairingId, ExpiresAt = expiresAt };
        await state.WriteStateAsync(cancellationToken);
        return true;
    }

    public async Task<string?> TakeAsync(CancellationToken cancellationToken = default)
    {
        var s = state.State;
        if (s.PairingId is null || s.Used || s.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }
        state.State = s with { Used = true };
        await state.WriteStateAsync(cancellationToken);
        return s.PairingId;
    }
}
