namespace PushAuth.Abstractions;

/// <summary>Keys a host derives from the silo's session key for a purpose of its own (the console's cookies), so no key of
/// the host can stand in for a device token or another purpose's; the session key itself never leaves the grains.</summary>
public interface IHostKeys
{
    /// <summary>32 bytes: HKDF-SHA256 of the active session key with <paramref name="purpose"/> as its info.</summary>
    Task<byte[]> DeriveAsync(string purpose, CancellationToken cancellationToken = default);
}
