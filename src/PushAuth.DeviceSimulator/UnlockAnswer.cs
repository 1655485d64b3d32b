namespace PushAuth.DeviceSimulator;

/// <summary>The server's answer to a right proof.</summary>
internal sealed record UnlockAnswer(string BackupId, string Blob, string SealedSecret, int AccountCount, IReadOnlyList<BackupPushAccount> PushAccounts);
