using System.Globalization;
using PushAuth.Domain.Devices;
using PushAuth.Grains.Devices;
using PushAuth.Security;

namespace PushAuth.Grains.Application;

/// <summary>Device session tokens and signed device requests (<see cref="IDeviceAuthenticator"/>).</summary>
internal sealed class DeviceAuthenticator(DeviceSessions sessions, ActiveDeviceCache activeDevices, DeviceKeyCache deviceKeys, IGrainFactory grains, TimeProvider time)
    : IDeviceAuthenticator
{
    public async Task<string?> AuthenticateAsync(string sessionToken, CancellationToken cancellationToken = default) =>
        await sessions.ValidateTokenAsync(sessionToken, cancellationToken) is { } deviceId && await activeDevices.IsActiveAsync(deviceId, cancellationToken)
            ? deviceId
            : null;

    public async Task VerifySignedRequestAsync(string deviceId, SignedDeviceRequest request, CancellationToken cancellationToken = default)
    {
        if (!long.TryParse(request.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            throw ProblemCodes.Auth.SignatureMissing.Error("This operation must be signed: PushAuth-Timestamp, PushAuth-Nonce and PushAuth-Signature headers.");
        }
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unix, 0, 253402300799));
        if ((time.GetUtcNow() - signedAt).Duration() > DeviceRules.SignatureSkew)
        {
            throw ProblemCodes.Auth.SignatureStale.Error("The request timestamp is outside the allowed clock skew of 5 minutes.");
        }
        var nonce = request.Nonce ?? "";
        if (nonce.Length is < 8 or > 64)
        {
            throw ProblemCodes.Auth.SignatureNonce.Error("PushAuth-Nonce must be 8-64 characters.");
        }
        string canonical;
        try
        {
            canonical = CanonicalRequest.Build(request.Method, request.PathAndQuery, unix, request.Body.ToArray(), deviceId, nonce);
        }
        catch (ArgumentException)
        {
            throw ProblemCodes.Auth.SignatureInvalid.Error("The request cannot be signed canonically.");
        }
        var key = await deviceKeys.GetAsync(deviceId, cancellationToken);
        if (key is null || !DeviceSignature.Verify(key, canonical, request.Signature ?? ""))
        {
            throw ProblemCodes.Auth.SignatureInvalid.Error("The request signature does not verify with this device's key.");
        }
        // Single use: the device grain remembers the nonce, so a replayed request is refused.
        if (!await grains.GetGrain<IDeviceGrain>(deviceId).UseRequestNonceAsync(nonce, signedAt, cancellationToken))
        {
            throw ProblemCodes.Auth.SignatureReplay.Error("This signed request was already used.");
        }
    }
}
