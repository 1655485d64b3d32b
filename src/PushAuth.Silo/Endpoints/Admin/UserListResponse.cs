namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>One page of the console's user list, and the cursor of the next page (null on the last).</summary>
public sealed record UserListResponse(IReadOnlyList<UserListItem> Items, string? NextCursor)
{
    public static UserListResponse Of(UserPage page) => new([.. page.Users.Select(u => new UserListItem(u.UserId, u.FirstSeenAt))], page.Next);
}

/// <summary>A user of the list: the id and when their first method was added.</summary>
public sealed record UserListItem(string UserId, DateTimeOffset FirstSeenAt);
