namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>The chain check: intact or not, how many entries were checked, and the first bad one with what is wrong.</summary>
public sealed record HistoryVerifyResponse(bool Intact, long CheckedCount, long? LastSequence, long? FirstBadSequence, string? Problem);
