namespace PushAuth.Security;

/// <summary>A freshly generated API key: show <see cref="Key"/> once, store <see cref="PrefixId"/> and <see cref="Hash"/>.</summary>
/// <param name="Key">The full secret, <c>pak_</c> + base64url of 32 random bytes. Never stored or logged.</param>
/// <param name="PrefixId">The public lookup id: the first characters after <c>pak_</c>.</param>
/// <param name="Hash">Base64url SHA-256 of the full key, for storage.</param>
public sealed record GeneratedApiKey(string Key, string PrefixId, string Hash)
{
    /// <summary>Keeps the secret out of logs and debugger displays.</summary>
    public override string ToString() => $"GeneratedApiKey {{ PrefixId = {PrefixId} }}";
}
