namespace PushAuth.Silo.Auth;

/// <summary>Parses <c>Authorization: {scheme} {credentials}</c>. Schemes are case-insensitive (RFC 9110 §11.1).</summary>
internal static class AuthorizationHeader
{
    public static string? Credentials(string? header, string scheme)
    {
        if (header is null)
        {
            return null;
        }
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !header.AsSpan(0, space).Equals(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var credentials = header[(space + 1)..].Trim(' ');
        return credentials.Length == 0 ? null : credentials;
    }
}
