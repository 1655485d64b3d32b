using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Grains.Audit;
using PushAuth.Grains.Effects;
using PushAuth.Grains.Tenants;
using PushAuth.History;

namespace PushAuth.Grains.Application;

/// <summary>Tenant event subscriptions for the tenant's admins (<see cref="IEventSubscriptionService"/>): the permission,
/// the input and the target policy are checked here, the grain keeps and delivers, and each change is recorded.</summary>
internal sealed class EventSubscriptionService(IGrainFactory grains, TenantSettingsCache tenants, WebhookTargets targets, AuditTrail audit, TimeProvider time)
    : IEventSubscriptionService
{
    private const int DeliveriesListed = 100;

    public async Task<CreatedEventSubscription> CreateAsync(Caller caller, string? url, IReadOnlyList<string>? eventTypes, RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ManageTenant);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw ProblemCodes.Requests.FieldMissing.For("url").Error("'url' is required: the https URL the events are posted to.");
        }
        var types = (eventTypes ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (types.FirstOrDefault(t => !TenantEventTypes.All.Contains(t, StringComparer.Ordinal)) is { } unknown)
        {
            throw ProblemCodes.Events.UnknownType.Error($"'{(unknown.Length > 60 ? unknown[..60] + "…" : unknown)}' is not an event type; the types are: {string.Join(", ", TenantEventTypes.All)}.");
        }
        // The same policy as a challenge's webhookUrl: https to a public address, or a host the tenant lists (if the operator allows).
        var target = WebhookTargetPolicy.Check(url, targets.AllowedHosts(await tenants.GetAsync(caller.TenantId, cancellationToken)));
        var created = await Events(caller).SubscribeAsync(target.ToString(), types, caller.Actor, cancellationToken);
        await RecordAsync(caller, HistoryActivities.EventSubscriptionCreated, "created",
            $"subscription={created.SubscriptionId}; url={target.GetLeftPart(UriPartial.Authority)}; types={(types.Count == 0 ? "*" : string.Join(",", types))}", origin, cancellationToken);
        return created;
    }

    public Task<IReadOnlyList<EventSubscription>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ManageTenant);
        return Events(caller).ListSubscriptionsAsync(cancellationToken);
    }

    public async Task DeleteAsync(Caller caller, string subscriptionId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ManageTenant);
        if (!await Events(caller).UnsubscribeAsync(Validate.Identifier(subscriptionId, "subscriptionId"), cancellationToken))
        {
            throw ProblemCodes.Events.SubscriptionNotFound.Error("No such event subscription.");
        }
        await RecordAsync(caller, HistoryActivities.EventSubscriptionDeleted, "deleted", $"subscription={subscriptionId}", origin, cancellationToken);
    }

    public Task<IReadOnlyList<EventDelivery>> ListDeliveriesAsync(Caller caller, int? limit, CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ManageTenant);
        if (limit is < 1 or > DeliveriesListed)
        {
            throw ProblemCodes.Requests.FieldInvalid.For("limit").Error($"'limit' must be 1..{DeliveriesListed}.");
        }
        return Events(caller).ListDeliveriesAsync(limit ?? DeliveriesListed, cancellationToken);
    }

    public async Task<EventDelivery> ReplayAsync(Caller caller, string deliveryId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        caller.Demand(AdminPermission.ManageTenant);
        if (string.IsNullOrEmpty(deliveryId) || deliveryId.Length > 200 || !deliveryId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw ProblemCodes.Events.DeliveryNotFound.Error("No such recent delivery.");
        }
        var replayed = await Events(caller).ReplayAsync(deliveryId, cancellationToken)
            ?? throw ProblemCodes.Events.DeliveryNotFound.Error("No such recent delivery, or its subscription was deleted.");
        await RecordAsync(caller, HistoryActivities.EventDeliveryReplayed, "replayed", $"delivery={deliveryId}; event={replayed.EventId}", origin, cancellationToken);
        return replayed;
    }

    private ITenantEventsGrain Events(Caller caller) => grains.GetGrain<ITenantEventsGrain>(caller.TenantId);

    private Task RecordAsync(Caller caller, string activity, string status, string remarks, RequestOrigin origin, CancellationToken cancellationToken) =>
        audit.RecordAsync(HistoryEvents.Of(time.GetUtcNow(), caller.TenantId, null, caller.Actor, activity, null, status, origin, policy: caller.Role.ToString(),
            remarks: remarks), cancellationToken);
}
