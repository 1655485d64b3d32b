using Google.Apis.Auth.OAuth2;

namespace PushAuth.Push.Internal;

/// <summary>
/// OAuth2 access tokens for FCM through Google.Apis.Auth, which caches and refreshes them. Forcing a refresh
/// (after a 401 without details) replaces the credential, which drops its cached token.
/// </summary>
internal sealed class FcmAccessTokenSource
{
    public const string Scope = "https://www.googleapis.com/auth/firebase.messaging";

    private readonly string _serviceAccountJson;
    private readonly Lock _gate = new();
    private volatile Holder _current;

    public FcmAccessTokenSource(string serviceAccountJson)
    {
        _serviceAccountJson = serviceAccountJson;
        _current = new Holder(CreateCredential(), 0);
    }

    /// <summary>A token and the credential generation that issued it.</summary>
    public async Task<(string Token, int Generation)> GetAsync(CancellationToken cancellationToken = default)
    {
        var holder = _current;
        var token = await holder.Credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return (token, holder.Generation);
    }

    /// <summary>Drops the cached token, unless a concurrent caller already did so for the same generation.</summary>
    public void Invalidate(int generation)
    {
        lock (_gate)
        {
            if (_current.Generation == generation)
            {
                _current = new Holder(CreateCredential(), generation + 1);
            }
        }
    }

    private ITokenAccess CreateCredential() =>
        CredentialFactory.FromJson<ServiceAccountCredential>(_serviceAccountJson).ToGoogleCredential().CreateScoped(Scope);

    private sealed record Holder(ITokenAccess Credential, int Generation);
}
