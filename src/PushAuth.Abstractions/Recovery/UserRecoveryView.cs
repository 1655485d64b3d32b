namespace PushAuth.Abstractions;

/// <summary>A user's recovery state for admins.</summary>
/// <param name="Exists">False for a user this tenant has never seen (no methods, nothing stored).</param>
/// <param name="PushRevokedAt">Set by "revoke all" (lost or stolen): push stays blocked until a new pairing.</param>
[GenerateSerializer, Immutable, Alias("pa.UserRecoveryView")]
public sealed record UserRecoveryView(bool Exists, IReadOnlyList<VerificationMethod> Methods, TemporaryCodeView? TemporaryCode, int CodesIssuedInLastHour,
    DateTimeOffset? PushRevokedAt, PushBlockStatus PushStatus);
