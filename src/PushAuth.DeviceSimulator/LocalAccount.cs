using System.Text.Json.Serialization;

namespace PushAuth.DeviceSimulator;

/// <summary>
/// An account as the phone keeps it. Push accounts (<see cref="Kinds.Push"/>) are a pairing with a user of a tenant;
/// their credential is this device's key, so a restored push account only records what it needs
/// (<see cref="Needs"/>): a new pairing or an administrator's temporary code. TOTP accounts keep their
/// <c>otpauth://</c> URI and come back as they were.
/// </summary>
public sealed record LocalAccount
{
    public static class Kinds
    {
        public const string Push = "push";
        public const string Totp = "totp";
    }

    public static class Statuses
    {
        public const string Active = "active";
        public const string NeedsProof = "needs-proof";
        public const string Disconnected = "disconnected";
    }

    /// <summary>What a restored push account needs before this device gets a credential for it.</summary>
    public const string PairingOrTemporaryCode = "new-pairing-or-temporary-code";

    public string Kind { get; init; } = "";

    public string? TenantId { get; init; }

    public string? UserId { get; init; }

    /// <summary>The <c>otpauth://totp/…</c> URI of a TOTP account (its secret included).</summary>
    public string? OtpAuthUri { get; init; }

    public string Status { get; init; } = Statuses.Active;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Needs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RestoredAt { get; init; }

    public string Name => Kind == Kinds.Push ? $"{TenantId}/{UserId}" : PushAuth.Security.OtpAuthUri.TryParse(OtpAuthUri, out var uri) ? $"{uri.Issuer}:{uri.AccountName}" : "?";
}
