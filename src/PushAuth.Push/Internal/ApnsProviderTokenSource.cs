using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PushAuth.Push.Internal;

/// <summary>
/// The ES256 provider JWT, cached: Apple wants it renewed no more than every 20 minutes and at least every 60.
/// </summary>
internal sealed class ApnsProviderTokenSource : IDisposable
{
    private readonly ECDsa _key;
    private readonly string _teamId;
    private readonly string _encodedHeader;
    private readonly TimeSpan _renewAfter;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private volatile ProviderToken? _current;

    public ApnsProviderTokenSource(string privateKeyPem, string teamId, string keyId, TimeSpan renewAfter, TimeProvider timeProvider)
    {
        _key = ECDsa.Create();
        _key.ImportFromPem(privateKeyPem);
        _teamId = teamId;
        _renewAfter = renewAfter;
        _timeProvider = timeProvider;
        _encodedHeader = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "ES256", ["kid"] = keyId }));
    }

    /// <summary>How many tokens were signed so far.</summary>
    public int Generation { get; private set; }

    public string Get()
    {
        var now = _timeProvider.GetUtcNow();
        var current = _current;
        if (current is not null && IsFresh(current, now))
        {
            return current.Jwt;
        }

        lock (_gate)
        {
            current = _current;
            if (current is not null && IsFresh(current, now))
            {
                return current.Jwt;
            }

            return Renew(now);
        }
    }

    /// <summary>Signs a new token unless another caller already replaced <paramref name="rejectedJwt"/>.</summary>
    public string RenewAfterRejection(string rejectedJwt)
    {
        lock (_gate)
        {
            var current = _current;
            return current is not null && current.Jwt != rejectedJwt ? current.Jwt : Renew(_timeProvider.GetUtcNow());
        }
    }

    public void Dispose() => _key.Dispose();

    private bool IsFresh(ProviderToken token, DateTimeOffset now) => now >= token.IssuedAt && now - token.IssuedAt < _renewAfter;

    private string Renew(DateTimeOffset now)
    {
        var iat = now.ToUnixTimeSeconds();
        var claims = Base64Url.Encode(Encoding.UTF8.GetBytes($"{{\"iss\":{JsonSerializer.Serialize(_teamId)},\"iat\":{iat}}}"));
        var signingInput = _encodedHeader + "." + claims;
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var jwt = signingInput + "." + Base64Url.Encode(signature);
        _current = new ProviderToken(jwt, DateTimeOffset.FromUnixTimeSeconds(iat));
        Generation++;
        return jwt;
    }

    private sealed record ProviderToken(string Jwt, DateTimeOffset IssuedAt);
}
