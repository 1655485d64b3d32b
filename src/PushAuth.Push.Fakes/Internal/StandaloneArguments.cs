using System.Globalization;
using System.Net;

namespace PushAuth.Push.Fakes.Internal;

/// <summary>The command line of a standalone run.</summary>
internal sealed record StandaloneArguments(
    string OutDirectory,
    int FcmPort,
    int ApnsPort,
    int FcmHttp1Port,
    bool ListenAny,
    string? PublicHost,
    string? ProjectId,
    string? TeamId,
    string? KeyId,
    string? BundleId)
{
    public const string Usage =
        "Usage: PushAuth.Push.Fakes [--out DIR] [--fcm-port 7101] [--apns-port 7102] [--fcm-http1-port 7103] [--listen-any] [--public-host NAME] "
        + "[--project-id ID] [--team-id ID] [--key-id ID] [--bundle-id ID]";

    private static readonly HashSet<string> ValueOptions =
        ["--out", "--fcm-port", "--apns-port", "--fcm-http1-port", "--public-host", "--project-id", "--team-id", "--key-id", "--bundle-id"];

    public IPAddress ListenAddress => ListenAny ? IPAddress.Any : IPAddress.Loopback;

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they are not valid.</summary>
    public static StandaloneArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var listenAny = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--listen-any")
            {
                listenAny = true;
            }
            else if (ValueOptions.Contains(name) && i + 1 < args.Count && !string.IsNullOrWhiteSpace(args[i + 1]) && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[name] = args[++i].Trim();
            }
            else
            {
                error = ValueOptions.Contains(name) ? $"{name} needs a value." : $"Unknown argument '{name}'.";
                return null;
            }
        }

        int? Port(string name)
        {
            var text = values.GetValueOrDefault(name);
            return text is null ? null : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort ? port : -1;
        }

        var ports = new[] { ("--fcm-port", Port("--fcm-port") ?? 7101), ("--apns-port", Port("--apns-port") ?? 7102), ("--fcm-http1-port", Port("--fcm-http1-port") ?? 7103) };
        if (ports.FirstOrDefault(p => p.Item2 < 0) is ({ } bad, _))
        {
            error = $"{bad} must be a port number (0-65535).";
            return null;
        }

        if (values.GetValueOrDefault("--public-host") is { } host && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            error = $"--public-host '{host}' is not a host name or IP address.";
            return null;
        }

        error = null;
        return new StandaloneArguments(
            Path.GetFullPath(values.GetValueOrDefault("--out") ?? Path.Combine(Path.GetTempPath(), "pushauth-fakes")),
            ports[0].Item2,
            ports[1].Item2,
            ports[2].Item2,
            listenAny,
            values.GetValueOrDefault("--public-host"),
            values.GetValueOrDefault("--project-id"),
            values.GetValueOrDefault("--team-id"),
            values.GetValueOrDefault("--key-id"),
            values.GetValueOrDefault("--bundle-id"));
    }
}
