namespace PushAuth.DeviceSimulator;

/// <summary>A backup opened on the device: the decrypted account list, and the push accounts that need a fresh proof.</summary>
public sealed record RestoredBackup(string BackupId, byte[] Plaintext, int AccountCount, IReadOnlyList<BackupPushAccount> PushAccounts);
