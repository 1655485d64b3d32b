using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PushAuth.Security;

namespace PushAuth.Grains.Security;

/// <summary>Refuses a silo start with malformed key material, and outside Development without it.</summary>
internal sealed class SecurityOptionsValidator(IHostEnvironment environment) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = new List<string>();
        var development = environment.IsDevelopment();
        if (options.TotpKeys is { Length: > 0 } keys)
        {
            try
            {
                var entries = keys.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var ring = SecretKeyRing.Parse(entries, options.ActiveTotpKeyId ?? entries[0].Split(':')[0]);
                if (development && ring.KeyIds.Contains(KeyMaterial.DevKeyId, StringComparer.Ordinal))
                {
                    errors.Add($"PushAuth:Security:TotpKeys must not use the key id '{KeyMaterial.DevKeyId}', which names the development key (see ImportDevelopmentKey).");
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                errors.Add($"PushAuth:Security:TotpKeys is invalid ({ex.Message}); expected keyId:base64(32 bytes)[;…] and ActiveTotpKeyId naming one of them.");
            }
        }
        else if (!development)
        {
            errors.Add(KeyRequirement.Missing("PushAuth:Security:TotpKeys"));
        }
        if (options.SessionKey is { Length: > 0 } session)
        {
            try
            {
                HmacKeyRing.Parse(session, options.ActiveSessionKeyId);
            }
            catch (FormatException ex)
            {
                errors.Add($"PushAuth:Security:SessionKey is invalid ({ex.Message}); expected base64 of at least 32 bytes, or keyId:base64[;…] with ActiveSessionKeyId naming one of them.");
            }
        }
        else if (!development)
        {
            errors.Add(KeyRequirement.Missing("PushAuth:Security:SessionKey"));
        }
        if (options.ImportDevelopmentKey && !development)
        {
            errors.Add("PushAuth:Security:ImportDevelopmentKey reads a key from the database and is allowed only in Development.");
        }
        if (options.DeviceSessionLifetime < TimeSpan.FromMinutes(1) || options.DeviceSessionLifetime > TimeSpan.FromHours(1))
        {
            errors.Add("PushAuth:Security:DeviceSessionLifetime must be 1..60 minutes.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
