using System.Text.Json.Serialization;

namespace PushAuth.Abstractions;

/// <summary>A new temporary code: <see cref="Code"/> is shown this once and stored only as a keyed hash.</summary>
/// <param name="RateLimit">The user's hourly <c>temporary-code</c> quota after this one, for the issuing route's
/// RateLimit fields (the grain's result is the only way back to the request); not part of the body.</param>
[GenerateSerializer, Immutable, Alias("pa.IssuedTemporaryCode")]
public sealed record IssuedTemporaryCode(string CodeId, string Code, DateTimeOffset ExpiresAt, bool Reusable, string? LoginServiceKeyId, int IssuedInLastHour,
    [property: JsonIgnore] RateLimitStatus? RateLimit = null);
