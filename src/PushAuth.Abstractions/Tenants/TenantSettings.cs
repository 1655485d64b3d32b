namespace PushAuth.Abstractions;

/// <summary>Per-tenant policy. Validated by <see cref="Validated"/> before it is stored.</summary>
/// <param name="DisplayName">Shown on phones and in QR enrollment links.</param>
/// <param name="NumberMatchingDigits">0 = off; 2 (default, like Microsoft) up to 6 (about 20 bits, NIST SP 800-63B rev 4).</param>
/// <param name="TotpWindow">Accepted TOTP steps either side of now: 1 by default, 0 for a strict 30 s lifetime (ASVS 5).</param>
/// <param name="LocationAutoApproveEnabled">Opt-in to location-based auto-approve rules.</param>
/// <param name="MaxOutstandingChallenges">Pending challenges per user at once.</param>
/// <param name="PushesPerUserPerMinute">Push challenges per user per minute.</param>
/// <param name="DefaultChallengeTtl">Default challenge lifetime (max 10 minutes).</param>
/// <param name="Recovery">Temporary codes, history retention and the user-events webhook; null = the defaults.</param>
/// <param name="WebhookAllowedHosts">Hosts (names or address literals) webhooks may reach even when they are loopback,
/// private or link-local, and over plain http; empty by default: webhooks go to public https addresses only.</param>
/// <param name="Branding">The hosted OIDC prompt's logo and accent colour; null = plain.</param>
[GenerateSerializer, Immutable, Alias("pa.TenantSettings")]
public sealed record TenantSettings(
    string DisplayName,
    int NumberMatchingDigits = 2,
    int TotpWindow = 1,
    bool LocationAutoApproveEnabled = false,
    int MaxOutstandingChallenges = 3,
    int PushesPerUserPerMinute = 5,
    TimeSpan? DefaultChallengeTtl = null,
    RecoverySettings? Recovery = null,
    string[]? WebhookAllowedHosts = null,
    PromptBranding? Branding = null)
{
    /// <summary>The effective recovery settings (a method, so JSON neither shows nor accepts it: a PUT naming it is refused).</summary>
    public RecoverySettings RecoveryOrDefault() => Recovery ?? RecoverySettings.Default;

    /// <summary>At most this many hosts in <see cref="WebhookAllowedHosts"/>.</summary>
    public const int MaxWebhookAllowedHosts = 20;

    /// <summary>The effective default challenge lifetime (a method, so JSON neither shows nor accepts it).</summary>
    public TimeSpan ChallengeTtl() => DefaultChallengeTtl ?? TimeSpan.FromSeconds(120);

    /// <summary>Returns these settings if valid, else throws a 400 <see cref="PushAuthException"/>.</summary>
    public TenantSettings Validated()
    {
        Validate.Text(DisplayName, "displayName", 100);
        if (NumberMatchingDigits is not 0 and (< 2 or > 6))
        {
            throw ProblemCodes.Tenants.NumberMatchingDigits.Error("numberMatchingDigits must be 0 (off) or 2..6.");
        }
        if (TotpWindow is < 0 or > 2)
        {
            throw ProblemCodes.Tenants.TotpWindow.Error("totpWindow must be 0..2.");
        }
        if (MaxOutstandingChallenges is < 1 or > 20)
        {
            throw ProblemCodes.Tenants.MaxOutstanding.Error("maxOutstandingChallenges must be 1..20.");
        }
        if (PushesPerUserPerMinute is < 1 or > 60)
        {
            throw ProblemCodes.Tenants.PushRate.Error("pushesPerUserPerMinute must be 1..60.");
        }
        if (DefaultChallengeTtl is { } ttl && (ttl < TimeSpan.FromSeconds(10) || ttl > TimeSpan.FromMinutes(10)))
        {
            throw ProblemCodes.Tenants.ChallengeTtl.Error("defaultChallengeTtl must be 10 s..10 min.");
        }
        Recovery?.Validated();
        if (WebhookAllowedHosts is { } hosts && (hosts.Length > MaxWebhookAllowedHosts
            || hosts.Any(h => h is not { Length: > 0 and <= 253 } || Uri.CheckHostName(h.Trim('[', ']')) == UriHostNameType.Unknown)))
        {
            throw ProblemCodes.Tenants.WebhookAllowedHosts.Error($"webhookAllowedHosts must be at most {MaxWebhookAllowedHosts} host names or IP addresses.");
        }
        Branding?.Validated();
        return this;
    }
}
