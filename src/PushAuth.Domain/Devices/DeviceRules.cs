using PushAuth.Abstractions;
using PushAuth.Security;

namespace PushAuth.Domain.Devices;

/// <summary>Validation of what a device registers; every failure is a 400 naming the field.</summary>
public static class DeviceRules
{
    /// <summary>Clock skew accepted on signed requests; nonces are remembered this long.</summary>
    public static readonly TimeSpan SignatureSkew = TimeSpan.FromMinutes(5);

    public static DeviceRegistration Validated(DeviceRegistration r)
    {
        if (r.PublicKey is null || r.PublicKey.Length > 400 || !DeviceKey.TryImport(r.PublicKey, out _))
        {
            throw ProblemCodes.Devices.PublicKeyInvalid.Error("'publicKey' must be a base64url DER SubjectPublicKeyInfo of an ECDSA P-256 key.");
        }
        if (r.Platform is not ("android" or "ios"))
        {
            throw ProblemCodes.Devices.PlatformInvalid.Error("'platform' must be \"android\" or \"ios\".");
        }
        ValidateToken(r.PushProvider, r.PushToken);
        return r with { AppVersion = Validate.Text(r.AppVersion, "appVersion", 50), DisplayName = Validate.Text(r.DisplayName, "displayName", 100) };
    }

    public static void ValidateToken(string? provider, string? token)
    {
        if (provider is not ("fcm" or "apns" or "dev"))
        {
            throw ProblemCodes.Devices.PushProviderInvalid.Error("'pushProvider' must be \"fcm\", \"apns\" or \"dev\".");
        }
        if (provider == "dev" && token is null)
        {
            return;
        }
        if (string.IsNullOrEmpty(token) || token.Length > 4096 || token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw ProblemCodes.Devices.PushTokenInvalid.Error("'pushToken' must be 1-4096 characters without spaces.");
        }
        if (provider == "apns" && !token.All(char.IsAsciiHexDigit))
        {
            throw ProblemCodes.Devices.PushTokenInvalid.Error("An APNs device token is hexadecimal.");
        }
    }
}
