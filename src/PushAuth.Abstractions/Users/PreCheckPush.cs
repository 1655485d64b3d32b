namespace PushAuth.Abstractions;

/// <summary>Push in a <see cref="PreCheck"/>: usable when the user has a device and pushes are neither blocked
/// (fatigue: a fraud report or repeated denials) nor revoked (an admin's "revoke all").</summary>
/// <param name="Devices">The devices a challenge can target (<c>deviceId</c> of <c>POST /v1/challenges</c>).</param>
[GenerateSerializer, Immutable, Alias("pa.PreCheckPush")]
public sealed record PreCheckPush(bool Usable, IReadOnlyList<PreCheckDevice> Devices, bool Blocked, string? BlockReason, DateTimeOffset? BlockedUntil, DateTimeOffset? RevokedAt);
