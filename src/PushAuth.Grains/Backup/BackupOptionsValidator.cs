using Microsoft.Extensions.Options;
using PushAuth.Security.Backup;

namespace PushAuth.Grains.Backup;

/// <summary>Refuses a silo start with an unusable backup configuration.</summary>
public sealed class BackupOptionsValidator : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        var errors = new List<string>();
        if (options.MasterKey is { Length: > 0 } key)
        {
            var bytes = new byte[key.Length];
            if (!Convert.TryFromBase64String(key, bytes, out var length) || length < BackupServerKeys.MinMasterKeySize)
            {
                errors.Add("PushAuth:Backup:MasterKey must be base64 of at least 32 bytes.");
            }
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
