using System.Text.Json;

namespace PushAuth.DeviceSimulator;

/// <summary>
/// The phone's account list, kept in a local file (<c>{state}.accounts.json</c>). It is what a backup encrypts, and
/// what a restore fills, never over accounts already here: both seeds refuse to overwrite.
/// </summary>
public sealed class LocalAccountBook
{
    private static readonly JsonSerializerOptions FileJson = new(DeviceClient.Json) { WriteIndented = true };

    public List<LocalAccount> Accounts { get; init; } = [];

    public static LocalAccountBook Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<LocalAccountBook>(File.ReadAllText(path), FileJson) ?? new LocalAccountBook() : new LocalAccountBook();

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, FileJson));

    /// <summary>What a backup holds: every account but the disconnected ones.</summary>
    public byte[] ToBackupPlaintext() =>
        JsonSerializer.SerializeToUtf8Bytes(new LocalAccountBook { Accounts = [.. Accounts.Where(a => a.Status != LocalAccount.Statuses.Disconnected)] }, DeviceClient.Json);

    public int BackedUpCount => Accounts.Count(a => a.Status != LocalAccount.Statuses.Disconnected);

    /// <summary>Brings the push accounts in line with the server's pairings: new ones become active (a restored one that
    /// was paired again included), active ones the server no longer has are marked disconnected.</summary>
    public void SyncPairings(IReadOnlyList<string> pairedUsers)
    {
        var paired = pairedUsers.Select(p => p.Split('/', 2)).Where(p => p.Length == 2).Select(p => (Tenant: p[0], User: p[1])).ToList();
        for (var i = 0; i < Accounts.Count; i++)
        {
            var a = Accounts[i];
            if (a.Kind != LocalAccount.Kinds.Push)
            {
                continue;
            }
            var isPaired = paired.Contains((a.TenantId!, a.UserId!));
            if (isPaired && a.Status != LocalAccount.Statuses.Active)
            {
                Accounts[i] = a with { Status = LocalAccount.Statuses.Active, Needs = null };
            }
            else if (!isPaired && a.Status == LocalAccount.Statuses.Active)
            {
                Accounts[i] = a with { Status = LocalAccount.Statuses.Disconnected };
            }
        }
        foreach (var (tenant, user) in paired.Where(p => !Accounts.Any(a => a.Kind == LocalAccount.Kinds.Push && a.TenantId == p.Tenant && a.UserId == p.User)))
        {
            Accounts.Add(new LocalAccount { Kind = LocalAccount.Kinds.Push, TenantId = tenant, UserId = user });
        }
    }

    /// <summary>Fills an empty book from a restored backup: TOTP accounts as they were, push accounts marked as needing a
    /// fresh proof. Throws when the book already has accounts.</summary>
    /// <exception cref="InvalidOperationException">Accounts are already on this device.</exception>
    public void Restore(byte[] plaintext, DateTimeOffset now)
    {
        RefuseIfNotEmpty();
        var restored = JsonSerializer.Deserialize<LocalAccountBook>(plaintext, DeviceClient.Json)
            ?? throw new InvalidOperationException("The backup holds no account list.");
        foreach (var a in restored.Accounts)
        {
            Accounts.Add(a.Kind == LocalAccount.Kinds.Push
                ? a with { Status = LocalAccount.Statuses.NeedsProof, Needs = LocalAccount.PairingOrTemporaryCode, RestoredAt = now }
                : a with { Status = LocalAccount.Statuses.Active, RestoredAt = now });
        }
    }

    /// <exception cref="InvalidOperationException">Accounts are already on this device.</exception>
    public void RefuseIfNotEmpty()
    {
        if (Accounts.Count > 0)
        {
            throw new InvalidOperationException($"restore.device-has-accounts: this device already has {Accounts.Count} account(s); restore never overwrites them. Remove them first.");
        }
    }
}
