namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>A page of the history, newest first, and the cursor of the next one (null on the last page).</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntryView> Items, string? NextCursor);
