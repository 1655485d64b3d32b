namespace PushAuth.Abstractions;

/// <summary>
/// Marks one self-contained token as used (key: <see cref="OidcKeys.SingleUse"/>): OpenIddict's degraded mode keeps no
/// token table, so an authorization code's single use is recorded here, by the code's token id, until it expires.
/// </summary>
[Alias("pa.IOidcSingleUseGrain")]
public interface IOidcSingleUseGrain : IGrainWithStringKey
{
    /// <summary>True the first time; false on every later call (a replay).</summary>
    [Alias("TryUse")]
    Task<bool> TryUseAsync(DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
