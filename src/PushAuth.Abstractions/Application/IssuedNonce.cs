namespace PushAuth.Abstractions;

/// <summary>A server nonce for a device to sign, and until when it is good.</summary>
public sealed record IssuedNonce(string Nonce, DateTimeOffset ExpiresAt);
