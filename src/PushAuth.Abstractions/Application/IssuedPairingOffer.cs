namespace PushAuth.Abstractions;

/// <summary>A QR pairing offer: its pairing id, the <c>pushauth://enroll?…</c> link (with the one-time credential: shown once) and its expiry.</summary>
public sealed record IssuedPairingOffer(string PairingId, string Uri, DateTimeOffset ExpiresAt);
