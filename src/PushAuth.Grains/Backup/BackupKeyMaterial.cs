using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PushAuth.Grains.Security;
using PushAuth.Security.Backup;

namespace PushAuth.Grains.Backup;

/// <summary>
/// The backup master keys' derived keys, by key id (<see cref="BackupServerKeys.KeyId"/>): <c>PushAuth:Backup:MasterKey</c>
/// makes new backups, <c>RetiredMasterKeys</c> still open the backups made under them, and the key named by
/// <c>ContactKeyId</c> (default: the active one) hashes contacts, peppers codes and seals addresses, so grain keys stay
/// put when the active key changes. Only in Development does an unset master key fall back to a development key kept
/// through <see cref="ISystemKeysGrain"/>.
/// </summary>
internal sealed class BackupKeyMaterial(IOptions<BackupOptions> options, IGrainFactory grains, IHostEnvironment environment) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private List<BackupServerKeys>? _keys;
    private BackupServerKeys? _contact;

    /// <summary>The key new backups are made under.</summary>
    public async ValueTask<BackupServerKeys> ActiveAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken))[0];

    /// <summary>The key of contact hashes (grain keys), code peppers and sealed addresses.</summary>
    public async ValueTask<BackupServerKeys> ContactAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return _contact!;
    }

    /// <summary>The key a backup was made under, or null when no configured key has that id.</summary>
    public async ValueTask<BackupServerKeys?> FindAsync(string keyId, CancellationToken cancellationToken) =>
        (await LoadAsync(cancellationToken)).Find(k => k.KeyId == keyId);

    private async ValueTask<List<BackupServerKeys>> LoadAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } cached)
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_keys is { } raced)
            {
                return raced;
            }
            var o = options.Value;
            var keys = new List<BackupServerKeys>();
            if (o.MasterKey is { Length: > 0 } configured)
            {
                keys.Add(new BackupServerKeys(Convert.FromBase64String(configured)));
                keys.AddRange(BackupOptions.Split(o.RetiredMasterKeys).Select(k => new BackupServerKeys(Convert.FromBase64String(k))));
            }
            else if (environment.IsDevelopment())
            {
                keys.Add(new BackupServerKeys(await grains.GetGrain<ISystemKeysGrain>("default").GetOrCreateAsync("backup-master", cancellationToken)));
            }
            else
            {
                throw KeyRequirement.NotConfigured("PushAuth:Backup:MasterKey");
            }
            _contact = o.ContactKeyId is { Length: > 0 } id
                ? keys.Find(k => k.KeyId == id) ?? throw new InvalidOperationException($"PushAuth:Backup:ContactKeyId '{id}' names no configured master key.")
                : keys[0];
            return _keys = keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _keys?.ForEach(k => k.Dispose());
        _gate.Dispose();
    }
}
