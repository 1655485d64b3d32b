namespace PushAuth.Abstractions;

/// <summary>What "revoke all" did: the methods removed and the challenges cancelled, decided in one write.</summary>
[GenerateSerializer, Immutable, Alias("pa.RevocationResult")]
public sealed record RevocationResult(IReadOnlyList<VerificationMethod> RevokedMethods, int CancelledChallenges, int RemovedAutoApproveRules, DateTimeOffset RevokedAt);
