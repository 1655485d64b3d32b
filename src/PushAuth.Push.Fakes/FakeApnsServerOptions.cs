using System.Net;

namespace PushAuth.Push.Fakes;

/// <summary>Settings of <see cref="FakeApnsServer"/>.</summary>
public sealed class FakeApnsServerOptions
{
    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The interface to listen on: loopback by default; <see cref="IPAddress.Any"/> for other containers.</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The host name or address clients reach the fake by, used in <see cref="FakeApnsServer.BaseAddress"/> and added
    /// to the generated certificate's subject alternative names; null means 127.0.0.1.</summary>
    public string? PublicHost { get; set; }

    /// <summary>The clock for provider-token ages and the per-minute counter.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Team id of the generated signing key.</summary>
    public string TeamId { get; set; } = "FAKETEAM01";

    /// <summary>Key id of the generated signing key.</summary>
    public string KeyId { get; set; } = "FAKEKEY001";

    /// <summary>The bundle id accepted as apns-topic.</summary>
    public string BundleId { get; set; } = "com.pushauth.authenticator";

    /// <summary>How many accepted notifications (and request records) are kept.</summary>
    public int InboxCapacity { get; set; } = 10_000;

    /// <summary>Largest accepted body.</summary>
    public int MaxPayloadBytes { get; set; } = 4096;

    /// <summary>An existing .p8 PEM to accept instead of generating one (standalone runs that reuse credentials).</summary>
    public string? SigningKeyPem { get; set; }

    /// <summary>An existing server certificate (with private key) instead of a generated self-signed one.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }
}
