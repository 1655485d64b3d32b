namespace PushAuth.Abstractions;

/// <summary>A device's answer. <see cref="Signature"/> is the device key's P1363 signature (base64url) over
/// <c>CanonicalChallengeAnswer(challengeId, nonce, decision, numberAnswer, reason, deviceId)</c> (PA2-ANSWER).</summary>
/// <param name="Decision">"approve" or "deny".</param>
[GenerateSerializer, Immutable, Alias("pa.ChallengeAnswer")]
public sealed record ChallengeAnswer(
    string DeviceId,
    string Decision,
    string? NumberAnswer,
    DenyReason? Reason,
    string Nonce,
    string Signature);
