namespace PushAuth.Push;

/// <summary>The registered senders by provider.</summary>
public sealed class PushSenders
{
    private readonly Dictionary<PushProvider, IPushSender> _senders;

    /// <summary>Indexes the given senders; the last one registered for a provider wins.</summary>
    public PushSenders(IEnumerable<IPushSender> senders)
    {
        ArgumentNullException.ThrowIfNull(senders);
        _senders = [];
        foreach (var sender in senders)
        {
            _senders[sender.Provider] = sender;
        }
    }

    /// <summary>The providers that have a sender.</summary>
    public IReadOnlyCollection<PushProvider> Providers => _senders.Keys;

    /// <summary>Finds the sender for <paramref name="provider"/>.</summary>
    public bool TryGet(PushProvider provider, out IPushSender sender) => _senders.TryGetValue(provider, out sender!);

    /// <summary>Sends through the message's provider; a provider without a sender is a permanent failure.</summary>
    public Task<PushResult> SendAsync(PushMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _senders.TryGetValue(message.Provider, out var sender)
            ? sender.SendAsync(message, cancellationToken)
            : Task.FromResult(new PushResult(PushResultKind.PermanentFailure, "ProviderNotConfigured"));
    }
}
