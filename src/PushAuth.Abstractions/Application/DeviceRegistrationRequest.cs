namespace PushAuth.Abstractions;

/// <summary>A registration as the app sends it: the key and push route (<see cref="DeviceRegistration"/>), the nonce from
/// <see cref="IDeviceService.CreateRegistrationNonceAsync"/> and the key's signature over it. Fields are as received;
/// the service checks them.</summary>
public sealed record DeviceRegistrationRequest(string? PublicKey, string? Platform, string? PushProvider, string? PushToken, string? AppVersion, string? DisplayName,
    string? Nonce, string? Proof);
