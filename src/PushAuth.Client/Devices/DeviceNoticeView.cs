namespace PushAuth.Client.Devices;

/// <summary>A notice the silo keeps for the device (a method revoked, a backup restored elsewhere, …).</summary>
/// <param name="NoticeId">The notice.</param>
/// <param name="Kind">What happened, as a stable word.</param>
/// <param name="Subject">What it is about (a user, a backup).</param>
/// <param name="Detail">More about it, when there is more.</param>
/// <param name="Message">The text to show.</param>
/// <param name="At">When it happened.</param>
public sealed record DeviceNoticeView(string NoticeId, string Kind, string Subject, string? Detail, string Message, DateTimeOffset At);
