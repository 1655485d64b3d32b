namespace PushAuth.Abstractions;

/// <summary>A tenant's console admins and their open invitations.</summary>
[GenerateSerializer, Immutable, Alias("pa.ConsoleAdmins")]
public sealed record ConsoleAdmins(IReadOnlyList<ConsoleAdmin> Admins, IReadOnlyList<AdminInvitation> Invitations)
{
    public static ConsoleAdmins None { get; } = new([], []);

    /// <summary>The most admins a tenant may have.</summary>
    public const int MaxAdmins = 100;

    /// <summary>The most open invitations a tenant may have.</summary>
    public const int MaxInvitations = 50;

    public ConsoleAdmin? Find(string adminId) => Admins.FirstOrDefault(a => a.AdminId == adminId);

    /// <summary>The admin holding the passkey <paramref name="credentialId"/>.</summary>
    public ConsoleAdmin? FindByCredential(string credentialId) => Admins.FirstOrDefault(a => a.Passkey(credentialId) is not null);
}
