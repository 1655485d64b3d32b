namespace PushAuth.Silo.Auth;

/// <summary>Endpoint metadata of <see cref="AuthEndpointExtensions.RequireSignedRequest"/>: the OpenAPI document adds the
/// device signature to the device session's security requirement.</summary>
public sealed class SignedRequest
{
    private SignedRequest()
    {
    }

    public static SignedRequest Instance { get; } = new();
}
