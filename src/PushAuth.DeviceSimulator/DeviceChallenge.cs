using System.Text.Json;

namespace PushAuth.DeviceSimulator;

/// <summary>A challenge as the device sees it.</summary>
public sealed record DeviceChallenge(string ChallengeId, string TenantId, string UserId, string Status, JsonElement Context, string Nonce, bool NumberMatchRequired, int NumberDigits, DateTimeOffset ExpiresAt);
