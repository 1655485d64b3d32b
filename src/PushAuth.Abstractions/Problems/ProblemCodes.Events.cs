namespace PushAuth.Abstractions;

public static partial class ProblemCodes
{
    /// <summary>Tenant event subscriptions and their deliveries.</summary>
    public static class Events
    {
        public static readonly ProblemCode UnknownType = new("events.unknown-type", ErrorKind.Validation, "Not an event type of the catalogue");
        public static readonly ProblemCode SubscriptionLimit = new("events.subscription-limit", ErrorKind.Conflict, "The tenant has the most event subscriptions it may have");
        public static readonly ProblemCode SubscriptionNotFound = new("events.subscription-not-found", ErrorKind.NotFound, "No such event subscription");
        public static readonly ProblemCode DeliveryNotFound = new("events.delivery-not-found", ErrorKind.NotFound, "No such recent delivery, or its subscription is gone");
    }
}
