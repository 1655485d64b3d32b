namespace PushAuth.Abstractions;

/// <summary>The console's helpdesk view of a tenant's users: the list (by id prefix, in id order, with a cursor) and one
/// user's page, composed from the user grain, the device grains and the history. Read-only; needs ReadUsers.</summary>
public interface IUserDirectory
{
    /// <summary>One page of the tenant's users whose id starts with <paramref name="prefix"/>, after <paramref name="after"/>
    /// (a user id), at most <paramref name="limit"/> (1..100).</summary>
    Task<UserPage> ListAsync(Caller caller, string? prefix, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Everything the user page shows; 404 <c>user.not-found</c> for a user the tenant does not have (never used,
    /// or another tenant's). Recent activity only for a role that reads the history.</summary>
    Task<UserProfile> GetProfileAsync(Caller caller, string userId, CancellationToken cancellationToken = default);
}
