namespace PushAuth.Abstractions;

/// <summary>A request as its device signed it: the method, the request target as sent (path and query), the raw body,
/// and the <c>PushAuth-Timestamp</c>, <c>PushAuth-Nonce</c> and <c>PushAuth-Signature</c> headers (null when absent).</summary>
public sealed record SignedDeviceRequest(string Method, string PathAndQuery, ReadOnlyMemory<byte> Body, string? Timestamp, string? Nonce, string? Signature);
