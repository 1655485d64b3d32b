using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PushAuth.Abstractions;

/// <summary>
/// Grain keys. A user grain is keyed by a 120-bit reference derived from tenant and user id, and challenge ids carry
/// that reference, so a device's answer or a login service's read of <c>/v1/challenges/{id}</c> reaches the user's
/// grain without a lookup. The reference is a hash, not the user id: grain ids in storage, traces and push payloads do
/// not spell out who the user is (someone who sees one can still test a guessed tenant and user id).
/// </summary>
public static class GrainKeys
{
    /// <summary>Length of a user reference (base64url of 15 bytes).</summary>
    public const int UserRefLength = 20;

    private const string ChallengePrefix = "ch_";

    public static string User(string tenantId, string userId) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($"pushauth/user\n{tenantId}\n{userId}")).AsSpan(0, 15));

    /// <summary>A new, unguessable challenge id for the user with reference <paramref name="userKey"/>.</summary>
    public static string NewChallengeId(string userKey) => ChallengePrefix + userKey + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The challenge id an idempotency key maps to: the same key for the same user is the same id.</summary>
    public static string IdempotentChallengeId(string userKey, string idempotencyKey) =>
        ChallengePrefix + userKey + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes("pushauth/idempotency\n" + userKey + "\n" + idempotencyKey)).AsSpan(0, 16));

    /// <summary>The user reference inside a challenge id, or null when the id is not one of ours.</summary>
    public static string? UserOfChallenge(string? challengeId) =>
        challengeId is { Length: > 3 + UserRefLength } && challengeId.StartsWith(ChallengePrefix, StringComparison.Ordinal) && challengeId.Length <= 64
            && challengeId.AsSpan(3).ContainsAnyExcept(Base64UrlAlphabet) is false
            ? challengeId.Substring(3, UserRefLength)
            : null;

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
