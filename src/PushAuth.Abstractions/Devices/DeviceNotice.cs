namespace PushAuth.Abstractions;

/// <summary>Something the device should show its user.</summary>
/// <param name="Kind"><c>backup-restored</c> or <c>backup-replaced</c>.</param>
/// <param name="Subject">The backup id it is about.</param>
/// <param name="Detail">The other device involved.</param>
[GenerateSerializer, Immutable, Alias("pa.DeviceNotice")]
public sealed record DeviceNotice(string NoticeId, string Kind, string Subject, string? Detail, string Message, DateTimeOffset At);
