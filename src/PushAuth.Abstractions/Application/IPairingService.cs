namespace PushAuth.Abstractions;

/// <summary>Pairing a device with a user: by a phrase the phone shows and the user types into the login service, or by
/// a QR offer the login service (or an admin) makes and the phone scans.</summary>
public interface IPairingService
{
    /// <summary>A phrase for the device to show (4 words, 10 minutes, single use); limited per device and hour.</summary>
    Task<IssuedPairingPhrase> CreatePhraseAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Claims the phrase the user typed for <paramref name="userId"/>; the device is asked to confirm. Unknown phrases
    /// are limited per tenant and source address, and audited (the first few one by one, the rest aggregated).</summary>
    Task<PairingView> ClaimAsync(Caller caller, string? phrase, string userId, string serviceName, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>A QR/deep-link offer for <paramref name="userId"/>: the <c>pushauth://enroll?…</c> link carries a one-time
    /// credential, of which only the hash is stored; <paramref name="server"/> is the base URL the app is to call.</summary>
    Task<IssuedPairingOffer> CreateOfferAsync(Caller caller, string userId, string serviceName, Uri server, RequestOrigin origin, CancellationToken cancellationToken = default);
}
