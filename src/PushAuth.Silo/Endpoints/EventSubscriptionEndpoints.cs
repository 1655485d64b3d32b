using Microsoft.AspNetCore.Http.HttpResults;
using PushAuth.Silo.Auth;
using PushAuth.Silo.Endpoints.Admin;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Endpoints;

/// <summary>Tenant-wide event subscriptions (<c>/v1/admin/event-subscriptions</c>) and their recent deliveries
/// (<c>/v1/admin/event-deliveries</c>): tenant managers only, a console admin with a fresh passkey for changes. A
/// subscription's secret is shown once, in the answer that creates it.</summary>
internal static class EventSubscriptionEndpoints
{
    public static void MapEventSubscriptionEndpoints(this IEndpointRouteBuilder app, SiloOptions options)
    {
        if (!options.ServesApi)
        {
            return;
        }
        var subscriptions = app.MapGroup("/v1/admin/event-subscriptions").WithTags("Event subscriptions");

        subscriptions.MapGet("", async Task<Ok<IReadOnlyList<EventSubscription>>> (HttpContext http, IEventSubscriptionService events, CancellationToken ct) =>
            TypedResults.Ok(await events.ListAsync(http.GetAdmin().AsCaller(), ct)))
            .RequireAdmin(AdminPermission.ManageTenant).WithName("ListEventSubscriptions").WithSummary("The tenant's event subscriptions (never their secrets)");

        subscriptions.MapPost("", async Task<Created<CreatedEventSubscription>> (CreateEventSubscriptionBody body, HttpContext http, IEventSubscriptionService events,
            CancellationToken ct) =>
        {
            var created = await events.CreateAsync(http.GetAdmin().AsCaller(), body.Url, body.EventTypes, http.Origin(), ct);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Created($"/v1/admin/event-subscriptions/{created.SubscriptionId}", created);
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole)
            .Problems(ProblemCodes.Events.UnknownType, ProblemCodes.Events.SubscriptionLimit, ProblemCodes.Tenants.WebhookUrlInvalid, ProblemCodes.Tenants.WebhookUrlForbiddenAddress)
            .WithName("CreateEventSubscription").WithSummary("Subscribe a URL to tenant events; the whsec_ signing secret is shown once");

        subscriptions.MapDelete("/{subscriptionId}", async Task<NoContent> (string subscriptionId, HttpContext http, IEventSubscriptionService events, CancellationToken ct) =>
        {
            await events.DeleteAsync(http.GetAdmin().AsCaller(), subscriptionId, http.Origin(), ct);
            return TypedResults.NoContent();
        }).RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).Problems(ProblemCodes.Events.SubscriptionNotFound)
            .WithName("DeleteEventSubscription").WithSummary("Delete a subscription; its pending deliveries are dropped");

        var deliveries = app.MapGroup("/v1/admin/event-deliveries").WithTags("Event subscriptions");

        deliveries.MapGet("", async Task<Ok<IReadOnlyList<EventDelivery>>> (int? limit, HttpContext http, IEventSubscriptionService events, CancellationToken ct) =>
            TypedResults.Ok(await events.ListDeliveriesAsync(http.GetAdmin().AsCaller(), limit, ct)))
            .RequireAdmin(AdminPermission.ManageTenant).WithName("ListEventDeliveries")
            .WithSummary("The most recent event deliveries (pending first, then the last 100 finished), with attempts and the receiver's last answer");

        deliveries.MapPost("/{deliveryId}/replay", async Task<Accepted<EventDelivery>> (string deliveryId, HttpContext http, IEventSubscriptionService events,
            CancellationToken ct) =>
            TypedResults.Accepted((string?)null, await events.ReplayAsync(http.GetAdmin().AsCaller(), deliveryId, http.Origin(), ct)))
            .RequireAdmin(AdminPermission.ManageTenant, AdminAssurance.FreshIfConsole).Problems(ProblemCodes.Events.DeliveryNotFound)
            .WithName("ReplayEventDelivery").WithSummary("Send a delivery again now, with the same event id and body");
    }
}
