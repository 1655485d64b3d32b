using PushAuth.Hosting;

namespace PushAuth.Hosting.Tests.TestGrains;

[GrainType("counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    Task<long> IncrementAsync(CancellationToken cancellationToken = default);

    Task<long> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="IncrementAsync"/>, but trusts the cached state and lets the write validate it.</summary>
    [ValidatedByWrite]
    Task<long> IncrementValidatedAsync(CancellationToken cancellationToken = default);

    /// <summary>Increments and stages an outbox message, a reminder, an audit event and a notification.</summary>
    Task<long> IncrementWithEffectsAsync(string outboxPayload, DateTimeOffset? reminderAt, CancellationToken cancellationToken = default);

    Task ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Mutates state in memory, then fails before writing.</summary>
    Task FailHalfwayAsync(CancellationToken cancellationToken = default);

    Task<int> RemindersReceivedAsync(CancellationToken cancellationToken = default);
}
