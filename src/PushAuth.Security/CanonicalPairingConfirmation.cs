namespace PushAuth.Security;

/// <summary>
/// The string a device signs to confirm or reject a pairing:
/// <c>PA1-PAIR\n{pairingId}\n{nonce}\n{decision}\n{deviceId}</c>.
/// </summary>
public static class CanonicalPairingConfirmation
{
    /// <summary>The version tag that starts every canonical pairing confirmation.</summary>
    public const string VersionTag = "PA1-PAIR";

    /// <summary>Builds the canonical pairing-confirmation string.</summary>
    /// <exception cref="ArgumentException">A field is empty or contains a line break.</exception>
    public static string Build(string pairingId, string nonce, string decision, string deviceId) =>
        CanonicalFields.Join(
            ("tag", VersionTag, false),
            (nameof(pairingId), pairingId, false),
            (nameof(nonce), nonce, false),
            (nameof(decision), decision, false),
            (nameof(deviceId), deviceId, false));
}
