using System.ComponentModel.DataAnnotations;
using PushAuth.Abstractions;

namespace PushAuth.Silo.Endpoints.Identity;

/// <summary>Registration of a device; <see cref="Proof"/> signs <c>PA2-REGISTER\n{nonce}\n{publicKey}</c> with a nonce from
/// <c>POST /v1/devices/registration-nonce</c>, to prove the private key.</summary>
public sealed record RegisterDeviceBody([property: Required] string? PublicKey, string? Platform, string? PushProvider, string? PushToken, string? AppVersion, string? DisplayName, [property: Required] string? Nonce, [property: Required] string? Proof);

/// <summary>A device opens a session by signing a server nonce.</summary>
public sealed record OpenSessionBody([property: Required] string? Nonce, [property: Required] string? Signature);

/// <summary>A new push token (a signed request).</summary>
public sealed record PushTokenBody([property: Required] string? PushProvider, [property: Required] string? PushToken);

/// <summary>The device accepts or rejects a claimed pairing.</summary>
public sealed record ConfirmPairingBody([property: Required] string? Decision, [property: Required] string? Signature);

/// <summary>The device completes a QR offer.</summary>
public sealed record CompleteOfferBody([property: Required] string? OfferId, [property: Required] string? Credential);

/// <summary>A login service claims a phrase the user typed.</summary>
public sealed record ClaimPairingBody([property: Required] string? Phrase, [property: Required] string? UserId, [property: Required] string? ServiceName);

/// <summary>A login service starts a QR pairing.</summary>
public sealed record CreateOfferBody([property: Required] string? UserId, [property: Required] string? ServiceName);

/// <summary>TOTP enrollment for a user (optionally tied to a device).</summary>
public sealed record EnrollTotpBody(string? DeviceId);

/// <summary>A code to check.</summary>
public sealed record VerifyTotpBody([property: Required] string? Code);

/// <summary>A new API key.</summary>
public sealed record CreateApiKeyBody(ApiKeyRole? Role, [property: Required] string? Name);
