namespace PushAuth.Security;

/// <summary>
/// The string a device signs to answer a push challenge:
/// <c>PA1-ANSWER\n{challengeId}\n{nonce}\n{decision}\n{numberAnswer or empty}\n{deviceId}</c>.
/// </summary>
public static class CanonicalChallengeAnswer
{
    /// <summary>The version tag that starts every canonical challenge answer.</summary>
    public const string VersionTag = "PA1-ANSWER";

    /// <summary>Builds the canonical answer string.</summary>
    /// <param name="challengeId">The challenge answered.</param>
    /// <param name="nonce">The challenge's nonce from the push / challenge details.</param>
    /// <param name="decision">The decision, e.g. <c>approve</c> or <c>deny</c>.</param>
    /// <param name="numberAnswer">The number the user typed for number matching; null or empty when none.</param>
    /// <param name="deviceId">The answering device.</param>
    /// <exception cref="ArgumentException">A field is empty (except the number) or contains a line break.</exception>
    public static string Build(string challengeId, string nonce, string decision, string? numberAnswer, string deviceId) =>
        CanonicalFields.Join(
            ("tag", VersionTag, false),
            (nameof(challengeId), challengeId, false),
            (nameof(nonce), nonce, false),
            (nameof(decision), decision, false),
            (nameof(numberAnswer), numberAnswer ?? string.Empty, true),
            (nameof(deviceId), deviceId, false));
}
