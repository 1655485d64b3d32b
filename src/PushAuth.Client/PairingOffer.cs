namespace PushAuth.Client;

/// <summary>A QR pairing offer: show <see cref="Uri"/> (<c>pushauth://enroll?…</c>) as a QR code; it holds a one-time credential.</summary>
/// <param name="PairingId">The pairing, to long-poll with <see cref="PushAuthClient.WaitForPairingAsync"/>.</param>
/// <param name="Uri">The deep link the app opens (as a QR code or a link on the phone).</param>
/// <param name="ExpiresAt">When the offer stops working.</param>
public sealed record PairingOffer(string PairingId, string Uri, DateTimeOffset ExpiresAt);
