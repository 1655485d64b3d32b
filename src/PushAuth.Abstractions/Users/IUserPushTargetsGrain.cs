using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>The part of the user grain the approval flow needs; resolved to the grain registered for
/// <c>IUserGrain</c>, which extends it. Key: <see cref="GrainKeys.User"/>.</summary>
public interface IUserPushTargetsGrain : IGrainWithStringKey
{
    /// <summary>The user's active paired devices.</summary>
    Task<IReadOnlyList<PushTarget>> GetPushTargetsAsync(CancellationToken cancellationToken = default);

    /// <summary>True while <paramref name="deviceId"/> is an active paired device of this user.</summary>
    Task<bool> IsDevicePairedAsync(string deviceId, CancellationToken cancellationToken = default);
}
