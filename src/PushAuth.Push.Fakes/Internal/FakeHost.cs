using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PushAuth.Push.Fakes.Internal;

/// <summary>A bare Kestrel app (loopback unless told otherwise): no configuration files, no logging, one request delegate.</summary>
internal static class FakeHost
{
    public static async Task<(WebApplication App, int[] Ports)> StartAsync(
        IPAddress listenAddress,
        IReadOnlyList<(int Port, Action<ListenOptions> Configure)> endpoints,
        RequestDelegate handler,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            foreach (var (port, configure) in endpoints)
            {
                kestrel.Listen(listenAddress, port, configure);
            }
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        // Kestrel lists the bound addresses in the order the endpoints were configured.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return (app, [.. addresses.Select(a => new Uri(a).Port)]);
    }

    /// <summary>The base address clients use: <paramref name="publicHost"/> (default 127.0.0.1) and the bound port.</summary>
    public static Uri PublicAddress(string scheme, string? publicHost, int port) =>
        new UriBuilder(scheme, string.IsNullOrWhiteSpace(publicHost) ? "127.0.0.1" : publicHost, port, "/").Uri;

    /// <summary>Connection middleware counting accepted and open connections.</summary>
    public static void CountConnections(ListenOptions listen, ConnectionStats stats) =>
        listen.Use(next => async context =>
        {
            stats.Opened();
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                stats.Closed(context.ConnectionId);
            }
        });
}
