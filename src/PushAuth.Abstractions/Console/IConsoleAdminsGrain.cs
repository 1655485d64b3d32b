namespace PushAuth.Abstractions;

/// <summary>Who may sign in to a tenant's admin console (key: tenant id). Admins are users of the tenant, designated
/// with a role by an Admin API key (<c>PUT /v1/admin/console-admins</c>); they sign in with their own paired device.
/// Writes only its own state; its history events are owed effects.</summary>
[Alias("pa.IConsoleAdminsGrain")]
public interface IConsoleAdminsGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly]
    Task<ConsoleAdmins> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the list (validated: identifiers, defined roles, no duplicates, at most <see cref="ConsoleAdmins.MaxAdmins"/>).</summary>
    [Alias("Set")]
    Task<ConsoleAdmins> SetAsync(IReadOnlyList<ConsoleAdmin> admins, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Ends every console session of <paramref name="userId"/> issued until now (sign-out).</summary>
    [Alias("EndSessions")]
    Task EndSessionsAsync(string userId, RequestOrigin origin, CancellationToken cancellationToken = default);
}
