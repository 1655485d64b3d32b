namespace PushAuth.History;

/// <summary>An append lost to another writer: a sequence number or event id of the batch is already stored.</summary>
public sealed class HistoryConflictException(string tenantId, Exception? inner = null)
    : Exception($"The history of tenant '{tenantId}' was appended to concurrently.", inner)
{
    public string TenantId { get; } = tenantId;
}
