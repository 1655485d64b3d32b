namespace PushAuth.Abstractions;

/// <summary>A correct proof's reward: the blob and the per-backup secret sealed to the proving device's ephemeral key.
/// <paramref name="PushAccounts"/> are the accounts whose push sign-in needs a fresh proof on the new device.</summary>
[GenerateSerializer, Immutable, Alias("pa.RestoreResult")]
public sealed record RestoreResult(string BackupId, string Blob, string SealedSecret, int AccountCount, IReadOnlyList<BackupAccount> PushAccounts);
