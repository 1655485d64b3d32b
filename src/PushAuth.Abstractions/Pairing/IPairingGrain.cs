namespace PushAuth.Abstractions;

/// <summary>One pairing (key: pairing id): a phrase shown by a device and claimed by a login service, or a QR offer
/// made by a login service and completed by a device. It calls the user and device grains, which never call it.</summary>
[Alias("pa.IPairingGrain")]
public interface IPairingGrain : IGrainWithStringKey
{
    /// <summary>The device asks for a phrase (phrase flow).</summary>
    [Alias("StartPhrase")]
    Task<PairingView> StartPhraseAsync(string deviceId, string phrase, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>A login service claims the phrase for a user; the device gets a confirm-pairing push.</summary>
    [Alias("Claim")]
    Task<PairingView> ClaimAsync(string tenantId, string tenantName, string userId, string serviceName, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>A login service or an admin (<paramref name="actor"/>, as audited) makes a QR offer; only the credential's hash is stored.</summary>
    [Alias("StartOffer")]
    Task<PairingView> StartOfferAsync(string tenantId, string tenantName, string userId, string serviceName, string credentialHash, TimeSpan lifetime, string actor,
        RequestOrigin origin, CancellationToken cancellationToken = default);

    [Alias("Get"), ReadOnly]
    Task<PairingView?> GetAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Waits up to <paramref name="wait"/> (at most <see cref="ChallengeWaits.MaxGrainWait"/>) for the device's answer.</summary>
    [Alias("Wait"), AlwaysInterleave]
    Task<PairingView?> WaitAsync(string tenantId, TimeSpan wait, CancellationToken cancellationToken = default);

    [Alias("GetForDevice"), ReadOnly]
    Task<DevicePairingView?> GetForDeviceAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>The device accepts or rejects a claimed phrase, signed over CanonicalPairingConfirmation.</summary>
    [Alias("Confirm")]
    Task<PairingView> ConfirmAsync(string deviceId, string decision, string signature, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>The device completes a QR offer with the one-time credential.</summary>
    [Alias("CompleteOffer")]
    Task<PairingView> CompleteOfferAsync(string deviceId, string credential, RequestOrigin origin, CancellationToken cancellationToken = default);
}
