using System.Net;
using System.Net.Sockets;
using PushAuth.Abstractions;

namespace PushAuth.Domain.Challenges;

/// <summary>
/// Where webhooks may go. A login service names the URL, so without a check it could make the silo POST to its own
/// network (cloud metadata at 169.254.169.254, loopback admin ports, private services). Loopback, link-local,
/// private, shared, multicast, documentation and other special-purpose addresses are refused, unless the tenant lists
/// the host in <see cref="TenantSettings.WebhookAllowedHosts"/>. The URL is checked when the challenge is created and
/// every resolved address again at send time (DNS rebinding).
/// </summary>
public static class WebhookTargetPolicy
{
    private static readonly IPNetwork[] NonPublic =
    [
        // IPv4 special-purpose registry (RFC 6890 and successors).
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        // IPv6: unspecified, loopback, IPv4-compatible, discard, Teredo and the IETF block, documentation, ULA, link- and site-local, multicast.
        IPNetwork.Parse("::/96"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001::/23"), IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"), IPNetwork.Parse("64:ff9b:1::/48"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>True when <paramref name="address"/> is a public unicast address a webhook may reach.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            // Addresses that embed an IPv4 address reach whatever that address reaches.
            if (Nat64.Contains(address))
            {
                return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
            }
            if (SixToFour.Contains(address))
            {
                return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
            }
        }
        else if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }
        foreach (var network in NonPublic)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when the tenant lists <paramref name="host"/> (a name or an address literal; case-insensitive).</summary>
    public static bool IsAllowedHost(string host, IReadOnlyList<string>? allowedHosts)
    {
        if (allowedHosts is not { Count: > 0 })
        {
            return false;
        }
        var bare = host.Trim('[', ']');
        var literal = IPAddress.TryParse(bare, out var address);
        foreach (var allowed in allowedHosts)
        {
            if (string.Equals(allowed, bare, StringComparison.OrdinalIgnoreCase)
                || (literal && IPAddress.TryParse(allowed.Trim('[', ']'), out var listed) && listed.Equals(address)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The checks made when a challenge names a webhook: https, or http to a listed host; no address literal or
    /// localhost name that is not public, unless listed. Returns the URL; a 400 names the problem otherwise.
    /// </summary>
    public static Uri Check(string url, IReadOnlyList<string>? allowedHosts)
    {
        if (url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.UserInfo) || uri.HostNameType is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            throw ProblemCodes.Tenants.WebhookUrlInvalid.Error("'webhookUrl' must be an absolute https URL without user info, at most 2048 characters.");
        }
        var allowed = IsAllowedHost(uri.IdnHost, allowedHosts);
        if (uri.Scheme == "http" && !allowed)
        {
            throw ProblemCodes.Tenants.WebhookUrlInvalid.Error("'webhookUrl' must be https; plain http only to a host the tenant lists in webhookAllowedHosts.");
        }
        var host = uri.IdnHost.Trim('[', ']');
        var internalName = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        if (!allowed && (internalName || (IPAddress.TryParse(host, out var address) && !IsPublic(address))))
        {
            throw ProblemCodes.Tenants.WebhookUrlForbiddenAddress.Error("'webhookUrl' points at a loopback, link-local, private or other non-public address; list the host in the tenant's webhookAllowedHosts to allow it.");
        }
        return uri;
    }
}
