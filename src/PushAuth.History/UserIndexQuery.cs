namespace PushAuth.History;

/// <summary>A page of one tenant's <see cref="IUserIndex"/>: ids starting with <see cref="Prefix"/> (ordinal, case
/// sensitive), strictly after <see cref="After"/>, at most <see cref="Limit"/> (1..<see cref="MaxLimit"/>).</summary>
public sealed record UserIndexQuery(string TenantId, string? Prefix = null, string? After = null, int Limit = 50)
{
    /// <summary>The largest page a store returns.</summary>
    public const int MaxLimit = 200;

    /// <summary>The first id that does not start with <paramref name="prefix"/> in ordinal order (its last character
    /// incremented), or null when every id past the prefix matches: the exclusive upper bound of a prefix range.</summary>
    public static string? UpperBound(string prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] != char.MaxValue)
            {
                return prefix[..i] + (char)(prefix[i] + 1);
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="userId"/> belongs on this page (the in-memory reading of the query).</summary>
    public bool Matches(string userId) =>
        (Prefix is null || userId.StartsWith(Prefix, StringComparison.Ordinal)) && (After is null || string.CompareOrdinal(userId, After) > 0);
}
