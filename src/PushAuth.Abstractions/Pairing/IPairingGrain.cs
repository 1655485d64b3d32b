using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>One pairing (key: pairing id): a phrase shown by a device and claimed by a login service, or a QR offer
/// made by a login service and completed by a device. Calls user and device grains only.</summary>
[GrainType("pairing")]
public interface IPairingGrain : IGrainWithStringKey
{
    /// <summary>The device asks for a phrase (phrase flow).</summary>
    Task<PairingView> StartPhraseAsync(string deviceId, string phrase, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>A login service claims the phrase for a user; the device gets a confirm-pairing push.</summary>
    Task<PairingView> ClaimAsync(string tenantId, string tenantName, string userId, string serviceName, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>A login service makes a QR offer; the credential's hash is stored.</summary>
    Task<PairingView> StartOfferAsync(string tenantId, string tenantName, string userId, string serviceName, string credentialHash, TimeSpan lifetime, RequestOrigin origin, CancellationToken cancellationToken = default);

    Task<PairingView?> GetAsync(string tenantId, CancellationToken cancellationToken = default);

    Task<DevicePairingView?> GetForDeviceAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>The device accepts or rejects a claimed phrase, signed over CanonicalPairingConfirmation.</summary>
    Task<PairingView> ConfirmAsync(string deviceId, string decision, string signature, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The device completes a QR offer with the one-time credential.</summary>
    Task<PairingView> CompleteOfferAsync(string deviceId, string credential, RequestOrigin origin, CancellationToken cancellationToken = default);
}
