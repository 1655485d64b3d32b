using Microsoft.Extensions.Options;
using PushAuth.Security;

namespace PushAuth.Grains.Security;

/// <summary>The silo's keys: from configuration, else development defaults persisted through <see cref="ISystemKeysGrain"/>.</summary>
public sealed class KeyMaterial(IOptions<SecurityOptions> options, IGrainFactory grains)
{
    /// <summary>Key id of the development key generated when no keys are configured.</summary>
    public const string DevKeyId = "dev";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SecretProtector? _totp;
    private byte[]? _session;

    /// <summary>Encrypts stored secrets, TOTP seeds and webhook signing secrets (AES-256-GCM with key ids from <c>TotpKeys</c>).</summary>
    public async Task<SecretProtector> TotpProtectorAsync(CancellationToken cancellationToken)
    {
        if (_totp is { } cached)
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var o = options.Value;
            SecretKeyRing ring;
            if (o.TotpKeys is { Length: > 0 } keys)
            {
                var configured = SecretKeyRing.Parse(keys.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), o.ActiveTotpKeyId ?? keys.Split(':')[0]);
                ring = o.ImportDevelopmentKey ? configured.With(DevKeyId, await DevKeyAsync("totp", cancellationToken)) : configured;
            }
            else
            {
                ring = new SecretKeyRing(new Dictionary<string, byte[]> { [DevKeyId] = await DevKeyAsync("totp", cancellationToken) }, DevKeyId);
            }
            return _totp = new SecretProtector(ring);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>HMAC key of device session tokens.</summary>
    public async Task<byte[]> SessionKeyAsync(CancellationToken cancellationToken)
    {
        if (_session is { } cached)
        {
            return cached;
        }
        var configured = options.Value.SessionKey;
        return _session = configured is { Length: > 0 } ? Convert.FromBase64String(configured) : await DevKeyAsync("session", cancellationToken);
    }

    private Task<byte[]> DevKeyAsync(string name, CancellationToken cancellationToken) =>
        grains.GetGrain<ISystemKeysGrain>("default").GetOrCreateAsync(name, cancellationToken);
}
