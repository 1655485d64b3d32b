namespace PushAuth.Abstractions;

/// <summary>Something the user must be told about their account (a temporary code was issued, their methods were
/// revoked), delivered by an <see cref="IUserNotifier"/> through the user's verified contact. Never carries a secret.</summary>
/// <param name="Kind">See <see cref="UserNoticeKinds"/>.</param>
/// <param name="Data">Details to show, e.g. <c>expiresAt</c>, <c>actor</c>, <c>reason</c>.</param>
/// <param name="ContactKey">The user's verified contact (its keyed hash) when the notice was owed; null = none known.</param>
[GenerateSerializer, Immutable, Alias("pa.UserNotice")]
public sealed record UserNotice(string NoticeId, string TenantId, string UserId, string Kind, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, string> Data,
    string? ContactKey = null);
