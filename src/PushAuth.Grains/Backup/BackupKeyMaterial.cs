using Microsoft.Extensions.Options;
using PushAuth.Security.Backup;

namespace PushAuth.Grains.Backup;

/// <summary>The backup master key's derived keys: from <c>PushAuth:Backup:MasterKey</c>, else a development key generated
/// once and shared through <see cref="ISystemKeysGrain"/> (like the other development keys).</summary>
public sealed class BackupKeyMaterial(IOptions<BackupOptions> options, IGrainFactory grains) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private BackupServerKeys? _keys;

    /// <summary>True when the master key comes from configuration (production), false for the development default.</summary>
    public bool IsConfigured => options.Value.MasterKey is { Length: > 0 };

    public async ValueTask<BackupServerKeys> GetAsync(CancellationToken cancellationToken)
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
            var master = IsConfigured
                ? Convert.FromBase64String(options.Value.MasterKey!)
                : await grains.GetGrain<ISystemKeysGrain>("default").GetOrCreateAsync("backup-master", cancellationToken);
            return _keys = new BackupServerKeys(master);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _keys?.Dispose();
        _gate.Dispose();
    }
}
