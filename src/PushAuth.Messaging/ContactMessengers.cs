namespace PushAuth.Messaging;

/// <summary>The sender of each channel, and whether any of them is a development sink.</summary>
public sealed class ContactMessengers(IEnumerable<IContactMessageSender> senders)
{
    private readonly Dictionary<string, IContactMessageSender> _byChannel = senders.GroupBy(s => s.Channel, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.FirstOrDefault(s => s.Provider != "dev") ?? g.First(), StringComparer.Ordinal);

    /// <summary>The real sender of a channel when one is configured, else its development sink.</summary>
    public IContactMessageSender For(string channel) =>
        _byChannel.TryGetValue(channel, out var sender) ? sender : throw new ArgumentException($"No sender for channel '{channel}'.", nameof(channel));

    /// <summary>True when some channel only has its development sink (so the development inbox holds real codes).</summary>
    public bool UsesDevelopmentSink => _byChannel.Values.Any(s => s.Provider == "dev");
}
