namespace PushAuth.Abstractions;

/// <summary>The tenant's console admins and, per user, the time before which their console sessions no longer count
/// (set at sign-out, so a copied cookie dies with it).</summary>
[GenerateSerializer, Immutable, Alias("pa.ConsoleAdmins")]
public sealed record ConsoleAdmins(IReadOnlyList<ConsoleAdmin> Admins, IReadOnlyDictionary<string, DateTimeOffset> SessionsNotBefore)
{
    public static ConsoleAdmins None { get; } = new([], new Dictionary<string, DateTimeOffset>());

    /// <summary>The most users a tenant may designate.</summary>
    public const int MaxAdmins = 100;

    public ConsoleAdmin? Find(string userId) => Admins.FirstOrDefault(a => a.UserId == userId);
}
