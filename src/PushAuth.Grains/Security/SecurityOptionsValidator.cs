using Microsoft.Extensions.Options;
using PushAuth.Security;

namespace PushAuth.Grains.Security;

/// <summary>Refuses a silo start with malformed key material.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = new List<string>();
        if (options.TotpKeys is { Length: > 0 } keys)
        {
            try
            {
                var entries = keys.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var ring = SecretKeyRing.Parse(entries, options.ActiveTotpKeyId ?? entries[0].Split(':')[0]);
                if (ring.KeyIds.Contains(KeyMaterial.DevKeyId, StringComparer.Ordinal))
                {
                    errors.Add($"PushAuth:Security:TotpKeys must not use the key id '{KeyMaterial.DevKeyId}', which names the development key (see ImportDevelopmentKey).");
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                errors.Add($"PushAuth:Security:TotpKeys is invalid ({ex.Message}); expected keyId:base64(32 bytes)[;…] and ActiveTotpKeyId naming one of them.");
            }
        }
        if (options.SessionKey is { Length: > 0 } session)
        {
            var bytes = new byte[session.Length];
            if (!Convert.TryFromBase64String(session, bytes, out var length) || length < 32)
            {
                errors.Add("PushAuth:Security:SessionKey must be base64 of at least 32 bytes.");
            }
        }
        if (options.DeviceSessionLifetime < TimeSpan.FromMinutes(1) || options.DeviceSessionLifetime > TimeSpan.FromHours(1))
        {
            errors.Add("PushAuth:Security:DeviceSessionLifetime must be 1..60 minutes.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
