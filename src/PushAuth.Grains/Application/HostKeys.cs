using System.Security.Cryptography;
using System.Text;
using PushAuth.Grains.Security;

namespace PushAuth.Grains.Application;

/// <summary>Purpose-bound keys from the session key (<see cref="IHostKeys"/>).</summary>
internal sealed class HostKeys(KeyMaterial keys) : IHostKeys
{
    public async Task<byte[]> DeriveAsync(string purpose, CancellationToken cancellationToken = default) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, await keys.SessionKeyAsync(cancellationToken), 32, info: Encoding.UTF8.GetBytes(purpose));
}
