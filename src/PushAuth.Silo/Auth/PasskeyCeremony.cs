using System.Buffers.Text;
using System.Security.Cryptography;

namespace PushAuth.Silo.Auth;

/// <summary>A passkey ceremony in progress, as its signed cookie carries it: nothing about it is stored on the server
/// until an answer to it verifies.</summary>
/// <param name="Kind">sign-in, step-up, setup (an invitation) or add-passkey.</param>
/// <param name="AdminId">The admin it is for (empty for sign-in: discoverable credentials name their admin themselves).</param>
/// <param name="TokenHash">For setup: the hash of the invitation's token.</param>
/// <param name="DisplayName">For setup: the name the invited person gave.</param>
public sealed record PasskeyCeremony(string Kind, string TenantId, byte[] Challenge, DateTimeOffset ExpiresAt, string AdminId, string TokenHash, string DisplayName)
{
    public const string SignIn = "sign-in";
    public const string StepUp = "step-up";
    public const string Setup = "setup";
    public const string AddPasskey = "add-passkey";

    /// <summary>What the admin directory records to use the ceremony up: the hash of its challenge, until it expires.</summary>
    public CeremonyUse Use => new(Base64Url.EncodeToString(SHA256.HashData(Challenge)), ExpiresAt);
}
