using System.Text.Json;

namespace PushAuth.DeviceSimulator;

/// <summary>The phone's backup bookkeeping (<c>{state}.backup.json</c>): the verification in progress and the backup it owns.
/// Never the passcode, the secret or any key derived from them.</summary>
public sealed record LocalBackupState(string? VerificationId = null, string? Contact = null, string? BackupId = null)
{
    public static LocalBackupState Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<LocalBackupState>(File.ReadAllText(path), DeviceClient.Json) ?? new LocalBackupState() : new LocalBackupState();

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, DeviceClient.Json));
}
