using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>Development-default keys generated once and shared by every silo on the same storage (key: "default").
/// Production configures its keys instead (see README).</summary>
[GrainType("systemkeys")]
public interface ISystemKeysGrain : IGrainWithStringKey
{
    /// <summary>A random 32-byte key with this name, created on first use.</summary>
    Task<byte[]> GetOrCreateAsync(string name, CancellationToken cancellationToken = default);
}
