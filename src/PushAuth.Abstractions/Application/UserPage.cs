using PushAuth.History;

namespace PushAuth.Abstractions;

/// <summary>One page of a tenant's users, and the cursor of the next page (null on the last).</summary>
public sealed record UserPage(IReadOnlyList<IndexedUser> Users, string? Next);
