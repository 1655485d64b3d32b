namespace PushAuth.Abstractions;

/// <summary>Maps a live pairing phrase to its pairing (key: a keyed hash of the canonical phrase, never the phrase). Single use. A leaf grain.</summary>
[Alias("pa.IPairingPhraseGrain")]
public interface IPairingPhraseGrain : IGrainWithStringKey
{
    /// <summary>Reserves the phrase for a pairing; false when it is taken and still live.</summary>
    [Alias("Reserve")]
    Task<bool> ReserveAsync(string pairingId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Takes the phrase (single use): the pairing id, or null when unknown, expired or used.</summary>
    [Alias("Take")]
    Task<string?> TakeAsync(CancellationToken cancellationToken = default);
}
