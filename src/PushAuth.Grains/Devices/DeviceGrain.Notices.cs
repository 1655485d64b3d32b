using PushAuth.Domain.Devices;
using PushAuth.Domain.Effects;
using PushAuth.History;

namespace PushAuth.Grains.Devices;

/// <summary>Notices for the device: kept to be pulled, announced by a push of kind <c>notice</c> (no content in it).</summary>
internal partial class DeviceGrain : IDeviceNoticeGrain
{
    private const int MaxNotices = 20;
    private static readonly TimeSpan NoticePushLifetime = TimeSpan.FromDays(1);

    public async Task AddNoticeAsync(string noticeId, string kind, string subject, string? detail, CancellationToken cancellationToken = default)
    {
        var s = Persisted.State;
        if (s.PublicKey is null || s.Notices.Any(n => n.NoticeId == noticeId))
        {
            return;
        }
        var now = time.GetUtcNow();
        var notice = new DeviceNoticeRecord(noticeId, kind, subject, detail, NoticeMessage(kind), now);
        var owed = s.Owed.Plus(History(HistoryActivities.DeviceNotice, kind, RequestOrigin.Internal, $"notice={noticeId}; backup={subject}; otherDevice={detail}"));
        if (s.Active)
        {
            var push = new PushRequest("notice", DeviceId, noticeId, EffectIds.New(), now + NoticePushLifetime, CollapseId: "notice");
            owed = owed.Plus(OwedEffects.Of(new OwedPush(EffectIds.New(), push, null)));
        }
        await SaveAsync(s with { Notices = [.. s.Notices.TakeLast(MaxNotices - 1), notice], Owed = owed }, cancellationToken);
    }

    public Task<IReadOnlyList<DeviceNotice>> GetNoticesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DeviceNotice>>([.. Persisted.State.Notices.OrderByDescending(n => n.At).Select(n => new DeviceNotice(n.NoticeId, n.Kind, n.Subject, n.Detail, n.Message, n.At))]);

    public async Task<bool> AcknowledgeNoticeAsync(string noticeId, CancellationToken cancellationToken = default)
    {
        var s = Persisted.State;
        if (!s.Notices.Any(n => n.NoticeId == noticeId))
        {
            return false;
        }
        await SaveAsync(s with { Notices = [.. s.Notices.Where(n => n.NoticeId != noticeId)] }, cancellationToken);
        return true;
    }

    private static string NoticeMessage(string kind) => kind switch
    {
        OwedNotice.Kinds.BackupRestored => "Your backup was restored on another device. This device no longer receives sign-in requests for the accounts in it; if that was not you, contact your administrators.",
        OwedNotice.Kinds.BackupReplaced => "Another device replaced the backup this device made. Back up again if you still want this device's accounts saved.",
        _ => "Something changed about this device's backup.",
    };
}
