namespace PushAuth.Abstractions;

/// <summary>A tenant's admin-recovery policy (part of <see cref="TenantSettings"/>).</summary>
/// <param name="TemporaryCodesReusable">False (default): a temporary code works once. True: it works until it expires, as Salesforce's do.</param>
/// <param name="HistoryRetentionDays">How long the identity-verification history is kept (1..3650, default 180).</param>
/// <param name="EventsWebhookUrl">Where user events (<c>user.temporary-code.issued</c>, <c>user.mfa.revoked</c>) are POSTed,
/// signed like challenge webhooks; none are sent without it.</param>
[GenerateSerializer, Immutable, Alias("pa.RecoverySettings")]
public sealed record RecoverySettings(bool TemporaryCodesReusable = false, int HistoryRetentionDays = 180, string? EventsWebhookUrl = null)
{
    public static RecoverySettings Default { get; } = new();

    /// <summary>Returns these settings if valid, else throws a 400 <see cref="PushAuthException"/>.</summary>
    public RecoverySettings Validated()
    {
        if (HistoryRetentionDays is < 1 or > 3650)
        {
            throw ProblemCodes.Tenants.HistoryRetentionDays.Error("recovery.historyRetentionDays must be 1..3650.");
        }
        if (EventsWebhookUrl is { } url && !(url.Length <= 2048 && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) && string.IsNullOrEmpty(uri.UserInfo)))
        {
            throw ProblemCodes.Tenants.EventsWebhookUrl.Error("recovery.eventsWebhookUrl must be an absolute https URL (http only on loopback), at most 2048 characters.");
        }
        return this;
    }
}
