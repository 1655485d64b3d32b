using System.Net;

namespace PushAuth.Push.Fakes;

/// <summary>Settings of <see cref="FakeFcmServer"/>.</summary>
public sealed class FakeFcmServerOptions
{
    /// <summary>TCP port of the HTTP/2 (prior knowledge) endpoint; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>TCP port of the HTTP/1.1 endpoint (token endpoint); 0 picks a free one.</summary>
    public int Http1Port { get; set; }

    /// <summary>The interface to listen on: loopback by default; <see cref="IPAddress.Any"/> for other containers.</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The host name or address clients reach the fake by, used in <see cref="FakeFcmServer.BaseAddress"/> and the
    /// service account's token_uri; null means 127.0.0.1.</summary>
    public string? PublicHost { get; set; }

    /// <summary>The project id the fake serves.</summary>
    public string ProjectId { get; set; } = "pushauth-fake";

    /// <summary>The clock for token lifetimes, assertion checks and the per-minute counter.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Lifetime of issued access tokens (expires_in).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3599);

    /// <summary>How many accepted messages the inbox keeps.</summary>
    public int InboxCapacity { get; set; } = 10_000;

    /// <summary>Messages per minute before the detail-less project-quota 429; null = unlimited.</summary>
    public long? PerMinuteQuota { get; set; }

    /// <summary>An existing RSA key for the service account (standalone runs that reuse credentials); null generates one.</summary>
    public string? ServiceAccountPrivateKeyPem { get; set; }
}
