namespace PushAuth.Abstractions;

/// <summary>A pairing phrase for the device to show, its pairing's id and expiry.</summary>
public sealed record IssuedPairingPhrase(string PairingId, string Phrase, DateTimeOffset ExpiresAt);
