namespace PushAuth.Diagnostics;

/// <summary>Point-in-time view of the transactional outbox, reported by the host for the outbox gauges.</summary>
/// <param name="Depth">Messages waiting to be dispatched (including ones scheduled for retry).</param>
/// <param name="OldestAge">Age of the oldest waiting message; <see cref="TimeSpan.Zero"/> when empty.</param>
public readonly record struct OutboxSnapshot(long Depth, TimeSpan OldestAge);
