using Microsoft.AspNetCore.Connections;

namespace PushAuth.Push.Fakes.Internal;

/// <summary>What APNs remembers per connection: the provider token in use and since when.</summary>
internal sealed class ApnsConnectionState(ConnectionContext? connection)
{
    public Lock Gate { get; } = new();

    public ConnectionContext? Connection { get; } = connection;

    public string? Token { get; set; }

    public string? PreviousToken { get; set; }

    public DateTimeOffset TokenSince { get; set; }

    /// <summary>The last token whose signature was verified on this connection (verification is cached per connection).</summary>
    public string? VerifiedToken { get; set; }

    public long VerifiedIat { get; set; }
}
