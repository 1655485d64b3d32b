namespace PushAuth.Push;

/// <summary>Sends pushes through one provider. Implementations are safe for concurrent use.</summary>
public interface IPushSender
{
    /// <summary>The provider this sender talks to.</summary>
    PushProvider Provider { get; }

    /// <summary>
    /// Sends one message. Never throws for provider or transport errors: the outcome is classified
    /// in the returned <see cref="PushResult"/>. Throws <see cref="OperationCanceledException"/> only when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<PushResult> SendAsync(PushMessage message, CancellationToken cancellationToken = default);
}
