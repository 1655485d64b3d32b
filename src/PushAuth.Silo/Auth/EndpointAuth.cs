namespace PushAuth.Silo.Auth;

/// <summary>Endpoint metadata saying how an endpoint authenticates its caller, so the OpenAPI document can list the 401
/// and 403 answers the endpoint filters give (they are filters, invisible to the document otherwise).</summary>
public sealed class EndpointAuth
{
    private EndpointAuth(string kind, bool canForbid)
    {
        Kind = kind;
        CanForbid = canForbid;
    }

    /// <summary>An API key (or a console session) whose role must grant a permission: 401 or 403.</summary>
    public static EndpointAuth ApiKey { get; } = new("api-key", canForbid: true);

    /// <summary>A device session token: 401.</summary>
    public static EndpointAuth Device { get; } = new("device", canForbid: false);

    /// <summary>A signature in the body over a server nonce: 401 when it does not verify.</summary>
    public static EndpointAuth Proof { get; } = new("proof", canForbid: false);

    /// <summary>A passkey answer to a ceremony this browser started (console sign-in and setup): 401 when it does not verify.</summary>
    public static EndpointAuth Passkey { get; } = new("passkey", canForbid: false);

    public string Kind { get; }

    public bool CanForbid { get; }
}
