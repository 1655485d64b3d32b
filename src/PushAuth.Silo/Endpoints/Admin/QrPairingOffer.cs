namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>A QR pairing offer for an admin: the link (with its one-time credential, shown once) and the QR code as a PNG data URI.</summary>
public sealed record QrPairingOffer(string PairingId, string Uri, DateTimeOffset ExpiresAt, string QrCode);
