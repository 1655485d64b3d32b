using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PushAuth.Silo.Http;

/// <summary>Trusts <c>X-Forwarded-For</c>/<c>-Proto</c> from the configured proxies only (<see cref="SiloOptions.TrustedProxies"/>).</summary>
internal static class ForwardedHeadersSetup
{
    public static void Configure(ForwardedHeadersOptions options, SiloOptions silo)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        // Every hop that is one of ours is stripped; the first address that is not is the client.
        options.ForwardLimit = null;
        foreach (var proxy in silo.TrustedProxies)
        {
            if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
        }
    }
}
