using System.Net;
using System.Net.Sockets;
using PushAuth.Domain.Challenges;

namespace PushAuth.Grains.Effects;

/// <summary>
/// The connect step of the webhook client: resolves the host itself and connects only to public addresses
/// (<see cref="WebhookTargetPolicy.IsPublic"/>), so a name that answered a public address when the challenge was made
/// and a private one now (DNS rebinding) is refused at the socket, redirects and retries included.
/// </summary>
internal sealed class PublicAddressConnector(IWebhookHostResolver resolver)
{
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(context, publicOnly: true, cancellationToken);

    /// <summary>For the tenant's listed hosts: the same resolution, any address.</summary>
    public ValueTask<Stream> ConnectListedAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(context, publicOnly: false, cancellationToken);

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool publicOnly, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = publicOnly ? addresses.Where(WebhookTargetPolicy.IsPublic).ToArray() : addresses;
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"Refused: the webhook host resolves only to non-public addresses ({addresses.Length} address(es)).");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
