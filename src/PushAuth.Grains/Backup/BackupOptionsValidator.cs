using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PushAuth.Grains.Security;
using PushAuth.Security.Backup;

namespace PushAuth.Grains.Backup;

/// <summary>Refuses a silo start with an unusable backup configuration, and outside Development without a master key.</summary>
internal sealed class BackupOptionsValidator(IHostEnvironment environment) : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        var errors = new List<string>();
        if (options.MasterKey is { Length: > 0 } key)
        {
            var ids = new List<string>();
            foreach (var (setting, value) in BackupOptions.Split(options.RetiredMasterKeys).Select(k => ("PushAuth:Backup:RetiredMasterKeys", k)).Prepend(("PushAuth:Backup:MasterKey", key)))
            {
                var bytes = new byte[value.Length];
                if (!Convert.TryFromBase64String(value, bytes, out var length) || length < BackupServerKeys.MinMasterKeySize)
                {
                    errors.Add($"{setting} must be base64 of at least 32 bytes (each, separated by ';').");
                    continue;
                }
                using var derived = new BackupServerKeys(bytes.AsSpan(0, length));
                ids.Add(derived.KeyId);
            }
            if (options.ContactKeyId is { Length: > 0 } contact && errors.Count == 0 && !ids.Contains(contact))
            {
                errors.Add($"PushAuth:Backup:ContactKeyId '{contact}' is the id of none of the configured master keys ({string.Join(", ", ids)}).");
            }
            else if (options.ContactKeyId is not { Length: > 0 } && ids.Count > 1)
            {
                errors.Add("PushAuth:Backup:ContactKeyId is required with RetiredMasterKeys: the id of the key that hashed contacts so far.");
            }
        }
        else if (!environment.IsDevelopment())
        {
            errors.Add(KeyRequirement.Missing("PushAuth:Backup:MasterKey"));
        }
        if (options.MaxFailedAttempts is < 3 or > 10)
        {
            errors.Add("PushAuth:Backup:MaxFailedAttempts must be 3..10.");
        }
        if (options.MaxBlobBytes is < 1024 or > 256 * 1024)
        {
            errors.Add("PushAuth:Backup:MaxBlobBytes must be 1024..262144.");
        }
        var minimum = new KdfParameters(KdfParameters.Argon2id, options.MinKdfMemoryKiB, options.MinKdfIterations, 1);
        if (minimum.Problem(KdfParameters.Minimum) is { } floor)
        {
            errors.Add($"PushAuth:Backup:MinKdfMemoryKiB/MinKdfIterations are below OWASP's floor: {floor}");
        }
        if (new KdfParameters(KdfParameters.Argon2id, options.KdfMemoryKiB, options.KdfIterations, 1).Problem(minimum) is { } recommended)
        {
            errors.Add($"PushAuth:Backup:KdfMemoryKiB/KdfIterations must be at least the minimum: {recommended}");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
