namespace PushAuth.Security;

/// <summary>
/// The string a device signs to answer a push challenge, version 2:
/// <c>PA2-ANSWER\n{challengeId}\n{nonce}\n{decision}\n{numberAnswer or empty}\n{reason or empty}\n{deviceId}</c>.
/// It covers every field the server acts on; version 1 (<c>PA1-ANSWER</c>) left the deny reason out, so a captured
/// decline could be replayed as a fraud report, and it is no longer accepted.
/// </summary>
public static class CanonicalChallengeAnswer
{
    /// <summary>The version tag that starts every canonical challenge answer.</summary>
    public const string VersionTag = "PA2-ANSWER";

    /// <summary>Builds the canonical answer string.</summary>
    /// <param name="challengeId">The challenge answered.</param>
    /// <param name="nonce">The challenge's nonce from the push / challenge details.</param>
    /// <param name="decision">The decision, e.g. <c>approve</c> or <c>deny</c>.</param>
    /// <param name="numberAnswer">The number the user typed for number matching; null or empty when none.</param>
    /// <param name="reason">The deny reason as sent, lowercase (<c>declined</c>, <c>fraud</c>, <c>mistake</c>); null or empty when none.</param>
    /// <param name="deviceId">The answering device.</param>
    /// <exception cref="ArgumentException">A field is empty (except the number and the reason) or contains a line break.</exception>
    public static string Build(string challengeId, string nonce, string decision, string? numberAnswer, string? reason, string deviceId) =>
        CanonicalFields.Join(
            ("tag", VersionTag, false),
            (nameof(challengeId), challengeId, false),
            (nameof(nonce), nonce, false),
            (nameof(decision), decision, false),
            (nameof(numberAnswer), numberAnswer ?? string.Empty, true),
            (nameof(reason), reason ?? string.Empty, true),
            (nameof(deviceId), deviceId, false));
}
