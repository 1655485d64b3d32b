namespace PushAuth.DeviceSimulator;

/// <summary>A notice the server keeps for the device.</summary>
public sealed record DeviceNoticeView(string NoticeId, string Kind, string Subject, string? Detail, string Message, DateTimeOffset At);
