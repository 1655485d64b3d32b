namespace PushAuth.Hosting.Storage;

/// <summary>A stored outbox message being handled.</summary>
public sealed record OutboxEnvelope(long Id, GrainId GrainId, string Topic, string Payload, DateTimeOffset CreatedAt, int Attempts, string? TraceContext);
