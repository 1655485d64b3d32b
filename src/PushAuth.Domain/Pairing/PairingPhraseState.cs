
namespace PushAuth.Domain.Pairing;

/// <summary>Persisted state of a leaf grain.</summary>
public sealed record PairingPhraseState
{
    public string? PairingId { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public bool Used { get; init; }
}
