namespace PushAuth.Hosting.Storage;

/// <summary>Filter for audit events of one tenant, newest first, paged by id.</summary>
public sealed record AuditQuery(string TenantId, string? UserId = null, string? Action = null, DateTimeOffset? Since = null, long? BeforeId = null, int Limit = 100);
