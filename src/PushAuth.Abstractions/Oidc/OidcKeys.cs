using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.Abstractions;

/// <summary>Grain keys of the OpenID Provider. Each is scoped by tenant, so one tenant's ids never reach another's
/// grain; opaque values (request URIs, token ids) are hashed so storage and traces do not carry them.</summary>
public static class OidcKeys
{
    /// <summary>The prompt grain of <paramref name="handle"/> (<see cref="PromptHandle"/>).</summary>
    public static string Prompt(string tenantId, string handle) => Hashed("prompt", tenantId, handle);

    public static string Ciba(string tenantId, string authRequestId) => Hashed("ciba", tenantId, authRequestId);

    public static string SingleUse(string tenantId, string tokenId) => Hashed("single-use", tenantId, tokenId);

    /// <summary>The prompt's public handle: the hash of its request URI, which the prompt page's calls carry instead of the
    /// request URI itself (only the request URI completes the authorization).</summary>
    public static string PromptHandle(string requestUri) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes("pushauth/oidc-prompt-handle\n" + requestUri)));

    private static string Hashed(string kind, string tenantId, string value) =>
        kind + "/" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($"pushauth/oidc/{kind}\n{tenantId}\n{value}")));
}
