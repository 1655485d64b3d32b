namespace PushAuth.Abstractions;

public static partial class ProblemCodes
{
    /// <summary>Tenants, their settings, API keys and webhook secret.</summary>
    public static class Tenants
    {
        public static readonly ProblemCode NotFound = new("tenant.not-found", ErrorKind.NotFound, "The tenant does not exist");
        public static readonly ProblemCode Exists = new("tenant.exists", ErrorKind.Conflict, "The tenant exists already");
        public static readonly ProblemCode Reserved = new("tenant.reserved", ErrorKind.Validation, "Ids starting with '_' are reserved");

        public static readonly ProblemCode NumberMatchingDigits = new("settings.number-matching-digits", ErrorKind.Validation, "numberMatchingDigits must be 0 or 2..6");
        public static readonly ProblemCode TotpWindow = new("settings.totp-window", ErrorKind.Validation, "totpWindow must be 0..2");
        public static readonly ProblemCode MaxOutstanding = new("settings.max-outstanding", ErrorKind.Validation, "maxOutstandingChallenges must be 1..20");
        public static readonly ProblemCode PushRate = new("settings.push-rate", ErrorKind.Validation, "pushesPerUserPerMinute must be 1..60");
        public static readonly ProblemCode ChallengeTtl = new("settings.challenge-ttl", ErrorKind.Validation, "defaultChallengeTtl must be 10 s..10 min");
        public static readonly ProblemCode BrandingLogo = new("settings.branding-logo", ErrorKind.Validation, "branding.logoUrl must be an absolute https URL of at most 500 characters");
        public static readonly ProblemCode BrandingColor = new("settings.branding-color", ErrorKind.Validation, "branding.accentColor must be #rrggbb");
        public static readonly ProblemCode WebhookAllowedHosts = new("settings.webhook-allowed-hosts", ErrorKind.Validation, "webhookAllowedHosts must be at most 20 hosts");
        public static readonly ProblemCode HistoryRetentionDays = new("settings.recovery.history-retention-days", ErrorKind.Validation, "recovery.historyRetentionDays must be 1..3650");
        public static readonly ProblemCode HistoryRetentionBelowFloor = new("settings.recovery.history-retention-below-floor", ErrorKind.Validation,
            "recovery.historyRetentionDays is below the operator's floor");
        public static readonly ProblemCode EventsWebhookUrl = new("settings.recovery.events-webhook-url", ErrorKind.Validation, "recovery.eventsWebhookUrl must be an absolute https URL");

        public static readonly ProblemCode RoleInvalid = new("role.invalid", ErrorKind.Validation, "Not a role: LoginService, Admin, ManageMfa or Auditor");
        public static readonly ProblemCode ApiKeyLimit = new("api-key.limit", ErrorKind.Conflict, "The tenant has the most active keys it may have");
        public static readonly ProblemCode ApiKeyIdExhausted = new("api-key.id-exhausted", ErrorKind.Conflict, "No unique API key id could be drawn; retry");
        public static readonly ProblemCode ApiKeyNotFound = new("api-key.not-found", ErrorKind.NotFound, "No such active key");
        public static readonly ProblemCode LoginServiceKeyUnknown = new("loginServiceKeyId.unknown", ErrorKind.Validation, "Not an active login-service key of this tenant");

        public static readonly ProblemCode WebhookNoSecret = new("webhook.no-secret", ErrorKind.Conflict, "The tenant has no webhook signing secret yet");
        public static readonly ProblemCode WebhookUrlInvalid = new("webhookUrl.invalid", ErrorKind.Validation, "webhookUrl must be an absolute https URL");
        public static readonly ProblemCode WebhookUrlForbiddenAddress = new("webhookUrl.forbidden-address", ErrorKind.Validation,
            "The webhook target is not a public address, and the tenant (and operator) do not allow it");
    }
}
