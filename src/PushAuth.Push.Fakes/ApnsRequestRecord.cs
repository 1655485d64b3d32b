namespace PushAuth.Push.Fakes;

/// <summary>One request the fake APNs answered, successful or not.</summary>
/// <param name="DeviceToken">The device token from the path, if any.</param>
/// <param name="ProviderToken">The provider JWT, if any.</param>
/// <param name="ConnectionId">The connection it came on.</param>
/// <param name="Protocol">The HTTP protocol (always HTTP/2).</param>
/// <param name="Status">The status answered.</param>
/// <param name="Reason">The reason answered, null on success.</param>
public sealed record ApnsRequestRecord(string? DeviceToken, string? ProviderToken, string ConnectionId, string Protocol, int Status, string? Reason);
