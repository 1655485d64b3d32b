using System.Net;
using System.Net.Sockets;

namespace PushAuth.Testing;

/// <summary>Whether a server the tests started listens on a loopback port (a TCP connect, bounded to one second).</summary>
public static class LoopbackPort
{
    public static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
