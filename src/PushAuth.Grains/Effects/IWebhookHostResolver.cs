using System.Net;

namespace PushAuth.Grains.Effects;

/// <summary>Resolves a webhook's host at send time (DNS by default; tests replace it to play a rebinding name server).</summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
