namespace PushAuth.Abstractions;

/// <summary>What a device may answer, across every user it is paired with.</summary>
public interface IDeviceChallenges
{
    /// <summary>Pending challenges for the device, newest first (works without any push).</summary>
    Task<IReadOnlyList<DeviceChallengeView>> PendingAsync(string deviceId, CancellationToken cancellationToken = default);
}
