namespace PushAuth.Abstractions;

/// <summary>How a device proves itself on a request: a session token (an HMAC check against the device's key
/// thumbprint, and the device still registered), and for sensitive operations a signature over the request itself.</summary>
public interface IDeviceAuthenticator
{
    /// <summary>The id of the registered device a valid, unexpired session token was issued to; else null.</summary>
    Task<string?> AuthenticateAsync(string sessionToken, CancellationToken cancellationToken = default);

    /// <summary>Checks a request signed with the device key: timestamp within 5 minutes, nonce used once, signature over
    /// the canonical request. Refuses with the <c>signature.*</c> codes.</summary>
    Task VerifySignedRequestAsync(string deviceId, SignedDeviceRequest request, CancellationToken cancellationToken = default);
}
