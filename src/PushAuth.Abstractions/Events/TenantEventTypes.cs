namespace PushAuth.Abstractions;

/// <summary>
/// The catalogue of tenant event types a subscription can ask for. Names are API: never rename one. The two
/// <c>user.*</c> names are the ones the tenant's events URL (<c>recovery.eventsWebhookUrl</c>) has always sent, so a
/// receiver moving to a subscription keeps its dispatch table.
/// </summary>
public static class TenantEventTypes
{
    /// <summary>A push challenge ended: approved, denied (with its reason), expired or cancelled.</summary>
    public const string ChallengeResolved = "challenge.resolved";

    /// <summary>A user denied a challenge with "This wasn't me" (also sent as <see cref="ChallengeResolved"/>).</summary>
    public const string FraudReported = "fraud.reported";

    /// <summary>A phone was paired or an authenticator app enrolled.</summary>
    public const string MethodPaired = "method.paired";

    /// <summary>A method was removed: disconnected by the user, the login service or an admin, or revoked with all others.</summary>
    public const string MethodDisconnected = "method.disconnected";

    /// <summary>An admin issued a temporary verification code (never the code itself).</summary>
    public const string TemporaryCodeIssued = "user.temporary-code.issued";

    /// <summary>An admin revoked every method of a user after a loss or theft.</summary>
    public const string MfaRevoked = "user.mfa.revoked";

    /// <summary>A device restored a backup holding a push account of this tenant.</summary>
    public const string BackupRestored = "backup.restored";

    /// <summary>Every type, in the order the README lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ChallengeResolved, FraudReported, MethodPaired, MethodDisconnected, TemporaryCodeIssued, MfaRevoked, BackupRestored];
}
