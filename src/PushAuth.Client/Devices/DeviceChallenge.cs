using System.Text.Json;

namespace PushAuth.Client.Devices;

/// <summary>A challenge as the device sees it (<c>GET /v1/device/challenges</c>, or the push that announced it).</summary>
/// <param name="ChallengeId">The challenge to answer.</param>
/// <param name="TenantId">The tenant whose login service asks.</param>
/// <param name="UserId">The user signing in.</param>
/// <param name="Status">Pending, Approved, Denied, Expired or Cancelled.</param>
/// <param name="Context">What to show the user: service, action, source IP, city, country, browser, operating system.</param>
/// <param name="Nonce">The challenge's nonce, signed into the answer.</param>
/// <param name="NumberMatchRequired">True when the user must type the number the login page shows.</param>
/// <param name="NumberDigits">How many digits that number has.</param>
/// <param name="ExpiresAt">When the challenge stops taking answers.</param>
public sealed record DeviceChallenge(string ChallengeId, string TenantId, string UserId, string Status, JsonElement Context, string Nonce, bool NumberMatchRequired,
    int NumberDigits, DateTimeOffset ExpiresAt);
