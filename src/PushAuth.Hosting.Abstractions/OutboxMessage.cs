namespace PushAuth.Hosting;

/// <summary>
/// A side effect to perform after the state change that produced it has committed.
/// Handlers must be idempotent: a message can be handed over more than once (a silo may die after sending).
/// </summary>
/// <param name="Topic">Selects the handler, e.g. <c>push</c> or <c>webhook</c>.</param>
/// <param name="Payload">Handler-specific JSON.</param>
/// <param name="DueAt">Not before this time; null means now.</param>
/// <param name="TraceContext">W3C trace context (traceparent[;tracestate]) of the producing request.</param>
public sealed record OutboxMessage(string Topic, string Payload, DateTimeOffset? DueAt = null, string? TraceContext = null);
