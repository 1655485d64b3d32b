namespace PushAuth.Client;

/// <summary>A QR pairing offer: show <see cref="Uri"/> (<c>pushauth://enroll?…</c>) as a QR code; it holds a one-time credential.</summary>
public sealed record PairingOffer(string PairingId, string Uri, DateTimeOffset ExpiresAt);
