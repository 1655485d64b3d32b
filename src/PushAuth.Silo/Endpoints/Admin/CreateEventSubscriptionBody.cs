using System.ComponentModel.DataAnnotations;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>An admin subscribes a URL to tenant events.</summary>
/// <param name="Url">Where events are posted: https to a public address, or a host the tenant lists in webhookAllowedHosts.</param>
/// <param name="EventTypes">The event types to receive (see the README's catalogue); absent or empty: every type.</param>
public sealed record CreateEventSubscriptionBody([property: Required] string? Url, string[]? EventTypes);
