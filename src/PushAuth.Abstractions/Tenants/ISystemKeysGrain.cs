namespace PushAuth.Abstractions;

/// <summary>Development-default keys generated once and shared by every silo on the same storage (key: "default").
/// Production configures its keys instead (see README). A leaf grain.</summary>
[Alias("pa.ISystemKeysGrain")]
public interface ISystemKeysGrain : IGrainWithStringKey
{
    /// <summary>A random 32-byte key with this name, created on first use.</summary>
    [Alias("GetOrCreate")]
    Task<byte[]> GetOrCreateAsync(string name, CancellationToken cancellationToken = default);
}
