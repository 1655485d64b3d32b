namespace PushAuth.Grains.Devices;

/// <summary>The device grain's calls to itself: a write that must not overlap an interleaved push.</summary>
[Alias("pa.IDeviceGrainInternal")]
internal interface IDeviceGrainInternal : IDeviceGrain
{
    /// <summary>FCM/APNs said <paramref name="token"/> is dead: mark it invalid if it is still the current token.</summary>
    [Alias("MarkPushTokenInvalid")]
    Task MarkPushTokenInvalidAsync(string token, string reason, CancellationToken cancellationToken = default);
}
