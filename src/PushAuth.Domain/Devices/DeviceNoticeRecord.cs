namespace PushAuth.Domain.Devices;

/// <summary>A notice kept for the device to pull.</summary>
public sealed record DeviceNoticeRecord(string NoticeId, string Kind, string Subject, string? Detail, string Message, DateTimeOffset At);
