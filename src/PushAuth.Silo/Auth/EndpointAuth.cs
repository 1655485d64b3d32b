namespace PushAuth.Silo.Auth;

/// <summary>Endpoint metadata saying how an endpoint authenticates its caller, so the OpenAPI document can list the 401
/// and 403 answers the endpoint filters give and its security requirement (they are filters, invisible to the document
/// otherwise).</summary>
public sealed class EndpointAuth
{
    private EndpointAuth(string kind, bool canForbid, params string[][] schemes)
    {
        Kind = kind;
        CanForbid = canForbid;
        Schemes = schemes;
    }

    /// <summary>The OpenAPI security scheme of an API key: <c>Authorization: Bearer pak_…</c>.</summary>
    public const string ApiKeyScheme = "apiKey";

    /// <summary>The OpenAPI security scheme of a console session: its cookie.</summary>
    public const string ConsoleScheme = "consoleSession";

    /// <summary>The OpenAPI security scheme of a device session: <c>Authorization: Device &lt;token&gt;</c>.</summary>
    public const string DeviceScheme = "deviceSession";

    /// <summary>The OpenAPI security scheme of a request signed with the device key (<c>PushAuth-Signature</c> and its headers).</summary>
    public const string SignatureScheme = "deviceSignature";

    /// <summary>An API key whose role must grant a permission: 401 or 403.</summary>
    public static EndpointAuth ApiKey { get; } = new("api-key", canForbid: true, [ApiKeyScheme]);

    /// <summary>An API key or a console session whose role must grant a permission: 401 or 403.</summary>
    public static EndpointAuth Admin { get; } = new("admin", canForbid: true, [ApiKeyScheme], [ConsoleScheme]);

    /// <summary>A console session only (no API key may call): 401 or 403.</summary>
    public static EndpointAuth ConsoleOnly { get; } = new("console", canForbid: true, [ConsoleScheme]);

    /// <summary>A device session token: 401.</summary>
    public static EndpointAuth Device { get; } = new("device", canForbid: false, [DeviceScheme]);

    /// <summary>A signature in the body over a server nonce: 401 when it does not verify.</summary>
    public static EndpointAuth Proof { get; } = new("proof", canForbid: false);

    /// <summary>A passkey answer to a ceremony this browser started (console sign-in and setup): 401 when it does not verify.</summary>
    public static EndpointAuth Passkey { get; } = new("passkey", canForbid: false);

    public string Kind { get; }

    /// <summary>The OpenAPI security requirements: any one of the sets, each set's schemes all together; none for a
    /// proof or a passkey answer in the body.</summary>
    public IReadOnlyList<string[]> Schemes { get; }

    public bool CanForbid { get; }
}
