using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace PushAuth.Abstractions;

/// <summary>
/// Ids of the backup feature. A contact key is a keyed hash (43 base64url characters) of channel and address, so grain
/// keys, ids and rows name no address. Verification ids (<c>cv_</c>) and backup ids (<c>bk_</c>) carry the contact
/// key, so they reach their grain without a lookup.
/// </summary>
public static class BackupIds
{
    public const int ContactKeyLength = 43;
    private const string VerificationPrefix = "cv_";
    private const string BackupPrefix = "bk_";

    private static readonly SearchValues<char> Base64UrlAlphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static string NewVerificationId(string contactKey) => VerificationPrefix + contactKey + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static string Backup(string contactKey) => BackupPrefix + contactKey;

    /// <summary>The contact key in a verification id, or null when the id is not one of ours.</summary>
    public static string? ContactOfVerification(string? verificationId) =>
        verificationId is { Length: 3 + ContactKeyLength + 22 } && verificationId.StartsWith(VerificationPrefix, StringComparison.Ordinal)
            && !verificationId.AsSpan(3).ContainsAnyExcept(Base64UrlAlphabet)
            ? verificationId.Substring(3, ContactKeyLength) : null;

    /// <summary>The contact key in a backup id, or null when the id is not one of ours.</summary>
    public static string? ContactOfBackup(string? backupId) =>
        backupId is { Length: 3 + ContactKeyLength } && backupId.StartsWith(BackupPrefix, StringComparison.Ordinal) && !backupId.AsSpan(3).ContainsAnyExcept(Base64UrlAlphabet)
            ? backupId[3..] : null;
}
