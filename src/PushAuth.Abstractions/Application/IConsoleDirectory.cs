namespace PushAuth.Abstractions;

/// <summary>A tenant's console admins as the console host reads them on every request: cached for 5 seconds per silo
/// (a removed admin or a changed role ends a session within seconds), and the audit of failed sign-ins.</summary>
public interface IConsoleDirectory
{
    /// <summary>The tenant's admins and open invitations, at most 5 seconds old.</summary>
    Task<ConsoleAdmins> GetAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Forgets the cached directory (after this silo changed it).</summary>
    void Forget(string tenantId);

    /// <summary>Records a failed sign-in or step-up (<paramref name="activity"/>) of an existing tenant: the first few of a
    /// minute one by one, the rest as one aggregated event. Nothing is written for a tenant that does not exist.</summary>
    Task RecordFailedSignInAsync(string tenantId, string activity, RequestOrigin origin, CancellationToken cancellationToken = default);
}
