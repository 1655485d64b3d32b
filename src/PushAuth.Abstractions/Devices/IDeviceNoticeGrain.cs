namespace PushAuth.Abstractions;

/// <summary>
/// Notices kept for a device to pull (and announced by a push of kind <c>notice</c>): its backup was restored on
/// another device, or replaced by one. Implemented by the device grain (same key, same activation); notices arrive as
/// owed effects of other grains, so this never waits on a grain that waits on the device.
/// </summary>
[Alias("pa.IDeviceNoticeGrain")]
public interface IDeviceNoticeGrain : IGrainWithStringKey
{
    /// <summary>Keeps a notice (idempotent by id) and owes the device a push about it.</summary>
    [Alias("AddNotice")]
    Task AddNoticeAsync(string noticeId, string kind, string subject, string? detail, CancellationToken cancellationToken = default);

    /// <summary>The device's notices, newest first.</summary>
    [Alias("GetNotices"), ReadOnly]
    Task<IReadOnlyList<DeviceNotice>> GetNoticesAsync(CancellationToken cancellationToken = default);

    /// <summary>The device read a notice; it is dropped.</summary>
    [Alias("AcknowledgeNotice")]
    Task<bool> AcknowledgeNoticeAsync(string noticeId, CancellationToken cancellationToken = default);
}
