namespace PushAuth.Silo.Endpoints.Approvals;

/// <summary>The tenant's new webhook signing secret (<c>whsec_…</c>), shown once.</summary>
public sealed record WebhookSecret(string Secret);
