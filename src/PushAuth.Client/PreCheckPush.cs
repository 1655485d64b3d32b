namespace PushAuth.Client;

/// <summary>Push: usable unless the user has no device, or pushes are blocked (fatigue) or revoked (lost or stolen phone).</summary>
/// <param name="Usable">True when a challenge can be sent now.</param>
/// <param name="Devices">The user's devices, each one a challenge can target.</param>
/// <param name="Blocked">True while pushes are blocked (too many unanswered or denied challenges).</param>
/// <param name="BlockReason">Why they are blocked.</param>
/// <param name="BlockedUntil">Until when they are blocked.</param>
/// <param name="RevokedAt">When an admin revoked the user's push methods (a lost or stolen phone).</param>
public sealed record PreCheckPush(bool Usable, IReadOnlyList<PreCheckDevice> Devices, bool Blocked, string? BlockReason, DateTimeOffset? BlockedUntil, DateTimeOffset? RevokedAt);
