namespace PushAuth.History;

/// <summary>A row of the <see cref="IUserIndex"/>: the user and when their first method was added.</summary>
public sealed record IndexedUser(string UserId, DateTimeOffset FirstSeenAt);
