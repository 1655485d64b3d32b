namespace PushAuth.Messaging.Internal;

/// <summary>Sends the SDK's requests to another host (a fake, a regional proxy), keeping path and query: the Twilio SDK
/// builds absolute URLs on api.twilio.com itself.</summary>
internal sealed class BaseAddressHandler(Uri baseAddress) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new Uri(baseAddress, uri.PathAndQuery);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
