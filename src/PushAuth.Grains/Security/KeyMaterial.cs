using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PushAuth.Security;

namespace PushAuth.Grains.Security;

/// <summary>The silo's keys, from configuration. Only in Development does an unset key fall back to a development key
/// generated once and kept through <see cref="ISystemKeysGrain"/>; elsewhere the start-up validation requires every key,
/// and this class never touches that grain.</summary>
internal sealed class KeyMaterial(IOptions<SecurityOptions> options, IGrainFactory grains, IHostEnvironment environment)
{
    /// <summary>Key id of the development key generated when no keys are configured.</summary>
    public const string DevKeyId = "dev";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SecretProtector? _totp;
    private HmacKeyRing? _session;

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
                ring = o.ImportDevelopmentKey ? configured.With(DevKeyId, await DevKeyAsync("totp", "PushAuth:Security:ImportDevelopmentKey", cancellationToken)) : configured;
            }
            else
            {
                ring = new SecretKeyRing(new Dictionary<string, byte[]> { [DevKeyId] = await DevKeyAsync("totp", "PushAuth:Security:TotpKeys", cancellationToken) }, DevKeyId);
            }
            return _totp = new SecretProtector(ring);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The active HMAC key of device session tokens (and the base of console-session and temporary-code keys).</summary>
    public async Task<byte[]> SessionKeyAsync(CancellationToken cancellationToken) => (await SessionKeysAsync(cancellationToken)).ActiveKey;

    /// <summary>Every session key by id: the active one signs, all of them verify (rotation).</summary>
    public async Task<HmacKeyRing> SessionKeysAsync(CancellationToken cancellationToken)
    {
        if (_session is { } cached)
        {
            return cached;
        }
        var o = options.Value;
        return _session = o.SessionKey is { Length: > 0 } configured
            ? HmacKeyRing.Parse(configured, o.ActiveSessionKeyId)
            : HmacKeyRing.Single(DevKeyId, await DevKeyAsync("session", "PushAuth:Security:SessionKey", cancellationToken));
    }

    private Task<byte[]> DevKeyAsync(string name, string setting, CancellationToken cancellationToken) =>
        environment.IsDevelopment()
            ? grains.GetGrain<ISystemKeysGrain>("default").GetOrCreateAsync(name, cancellationToken)
            : throw KeyRequirement.NotConfigured(setting);
}
