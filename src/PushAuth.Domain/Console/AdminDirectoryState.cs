using PushAuth.Domain.Effects;

namespace PushAuth.Domain.Console;

/// <summary>Persisted state of a tenant's admin directory (stored as <c>admindirectory</c>: the user-id based console-admin
/// lists of before are not read, so an upgraded tenant enrolls its first Admin again with <c>recover-admin</c>).</summary>
public sealed record AdminDirectoryState : IOwesEffects
{
    public IReadOnlyList<ConsoleAdmin> Admins { get; init; } = [];

    public IReadOnlyList<AdminInvitation> Invitations { get; init; } = [];

    /// <summary>WebAuthn ceremonies used up, by id, until they would have expired: a replayed answer is refused.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> UsedCeremonies { get; init; } = new Dictionary<string, DateTimeOffset>();

    public OwedEffects Owed { get; init; } = OwedEffects.None;
}
