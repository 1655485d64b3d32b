namespace PushAuth.Grains.Pairing;

/// <summary>Phrase → pairing id, single use. A leaf grain keyed by the phrase's keyed hash (<see cref="PairingPhraseKeys"/>),
/// so the phrase appears in no grain id, trace or log. Held in memory only: a phrase lives ten minutes, a device makes it
/// without anyone's say, and a row per phrase would let devices buy writes; if its silo goes down, the device shows a
/// new phrase.</summary>
internal sealed class PairingPhraseGrain(TimeProvider time) : Grain, IPairingPhraseGrain
{
    private string? _pairingId;
    private DateTimeOffset _expiresAt;
    private bool _used;

    public Task<bool> ReserveAsync(string pairingId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_pairingId is not null && !_used && _expiresAt > now)
        {
            return Task.FromResult(false);
        }
        (_pairingId, _expiresAt, _used) = (pairingId, expiresAt, false);
        // Idle collection must not forget a live phrase.
        this.DelayDeactivation(expiresAt - now + TimeSpan.FromMinutes(1));
        return Task.FromResult(true);
    }

    public Task<string?> TakeAsync(CancellationToken cancellationToken = default)
    {
        if (_pairingId is null || _used || _expiresAt <= time.GetUtcNow())
        {
            return Task.FromResult<string?>(null);
        }
        _used = true;
        return Task.FromResult<string?>(_pairingId);
    }
}
