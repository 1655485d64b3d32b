namespace PushAuth.History;

/// <summary>
/// One entry of the identity-verification history: who did what, how, with what outcome, from where, when.
/// <see cref="EventId"/> is chosen by the producer, so an append that is retried (a silo died after writing)
/// is recognised and stored once.
/// </summary>
/// <param name="EventId">Unique per tenant; the idempotency key of the append.</param>
/// <param name="At">When it happened.</param>
/// <param name="TenantId">The tenant whose chain the entry joins.</param>
/// <param name="UserId">The user concerned, if any.</param>
/// <param name="Actor">Who acted: <c>login-service</c>, <c>admin:{keyId}</c>, a device id, <c>system</c>.</param>
/// <param name="Activity">What happened, e.g. <c>challenge.answered</c>.</param>
/// <param name="Method">The verification method: <c>push</c>, <c>totp</c>, <c>temporary-code</c>, …</param>
/// <param name="Status">The outcome, e.g. <c>approved</c>, <c>rejected</c>.</param>
/// <param name="SourceIp">Address of the request that caused it.</param>
/// <param name="City">Approximate city of the login, as the login service reported it.</param>
/// <param name="Country">Country of the login.</param>
/// <param name="DeviceId">The device involved.</param>
/// <param name="Policy">The policy that decided, e.g. an auto-approve rule id or a throttle.</param>
/// <param name="Remarks">Free text details; never a secret.</param>
/// <param name="CorrelationId">Groups one login's attempts (the challenge id, for example).</param>
/// <param name="TraceId">W3C trace id of the request.</param>
/// <param name="UserAgent">User agent of the request.</param>
[GenerateSerializer, Immutable, Alias("pa.HistoryEvent")]
public sealed record HistoryEvent(
    string EventId,
    DateTimeOffset At,
    string TenantId,
    string? UserId,
    string Actor,
    string Activity,
    string? Method,
    string Status,
    string? SourceIp = null,
    string? City = null,
    string? Country = null,
    string? DeviceId = null,
    string? Policy = null,
    string? Remarks = null,
    string? CorrelationId = null,
    string? TraceId = null,
    string? UserAgent = null);
