using System.Globalization;
using PushAuth.Abstractions;
using PushAuth.Domain.Devices;
using PushAuth.Grains.Challenges;
using PushAuth.Grains.Devices;

using PushAuth.Security;

namespace PushAuth.Silo.Endpoints.Identity;

/// <summary>
/// Per-request signatures for sensitive device operations (push-token update, deregistration): headers
/// <c>PushAuth-Timestamp</c> (unix s, ±5 min), <c>PushAuth-Nonce</c> (single use) and <c>PushAuth-Signature</c> over
/// <c>CanonicalRequest(method, path, timestamp, body, deviceId, nonce)</c>.
/// </summary>
internal static class SignedRequest
{
    public const string TimestampHeader = "PushAuth-Timestamp";
    public const string NonceHeader = "PushAuth-Nonce";
    public const string SignatureHeader = "PushAuth-Signature";

    public static async Task VerifyAsync(HttpContext http, string deviceId, CancellationToken cancellationToken)
    {
        var headers = http.Request.Headers;
        if (!long.TryParse(headers[TimestampHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            throw ProblemCodes.Auth.SignatureMissing.Error($"This operation must be signed: {TimestampHeader}, {NonceHeader} and {SignatureHeader} headers.");
        }
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unix, 0, 253402300799));
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if ((now - signedAt).Duration() > DeviceRules.SignatureSkew)
        {
            throw ProblemCodes.Auth.SignatureStale.Error("The request timestamp is outside the allowed clock skew of 5 minutes.");
        }
        var nonce = headers[NonceHeader].ToString();
        if (nonce.Length is < 8 or > 64)
        {
            throw ProblemCodes.Auth.SignatureNonce.Error("PushAuth-Nonce must be 8-64 characters.");
        }
        http.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        http.Request.Body.Position = 0;
        string canonical;
        try
        {
            canonical = CanonicalRequest.Build(http.Request.Method, http.Request.Path + http.Request.QueryString, unix, buffer.ToArray(), deviceId, nonce);
        }
        catch (ArgumentException)
        {
            throw ProblemCodes.Auth.SignatureInvalid.Error("The request cannot be signed canonically.");
        }
        var key = await http.RequestServices.GetRequiredService<DeviceKeyCache>().GetAsync(deviceId, cancellationToken);
        if (key is null || !DeviceSignature.Verify(key, canonical, headers[SignatureHeader].ToString()))
        {
            throw ProblemCodes.Auth.SignatureInvalid.Error("The request signature does not verify with this device's key.");
        }
        if (!await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IDeviceGrain>(deviceId).UseRequestNonceAsync(nonce, signedAt, cancellationToken))
        {
            throw ProblemCodes.Auth.SignatureReplay.Error("This signed request was already used.");
        }
    }
}
