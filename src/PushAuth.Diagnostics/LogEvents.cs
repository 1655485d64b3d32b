namespace PushAuth.Diagnostics;

/// <summary>
/// Every event id of every <c>[LoggerMessage]</c> in the service, in one place: an alert or a log query can key on an id,
/// so an id is never reused for another event and never renumbered. The thousands group by area; a test checks that no id
/// appears twice and that no log message names a literal id instead of one of these.
/// </summary>
public static class LogEvents
{
    // 2000: the HTTP host.
    public const int UnhandledError = 2001;
    public const int AnsweredUnavailable = 2002;
    public const int StorageUnavailable = 2101;
    public const int StorageRecovered = 2102;

    // 3000: owed effects and their delivery.
    public const int EffectDeliveryFailed = 3001;
    public const int WebhookGaveUp = 3002;
    public const int UnknownOwedNotice = 3003;
    public const int PushGaveUp = 3004;
    public const int PostgresUnreachable = 3101;
    public const int PostgresMigrationGaveUp = 3102;
    public const int PostgresMigrationApplied = 3103;
    public const int PostgresSchemaUpToDate = 3104;
    public const int PostgresSchemaNewer = 3105;
    public const int WebhookRejected = 3111;
    public const int WebhookUnreachable = 3112;
    public const int WebhookNoSecret = 3113;
    public const int WebhookRefusedTarget = 3114;
    public const int EventDeliveryGaveUp = 3115;
    public const int EventSecretUnreadable = 3116;
    public const int EventDeliveryPassFailed = 3117;
    public const int PushTokenDead = 3201;
    public const int PushCredentialsRejected = 3202;
    public const int PushPermanentFailure = 3203;
    public const int UserNoticeNoContact = 3301;

    // 4000: history, grains' keys, push senders.
    public const int HistoryAppendFailed = 4001;
    public const int HistoryRetention = 4002;
    public const int HistoryRetentionScheduleFailed = 4003;
    public const int HistoryRolledBack = 4004;
    public const int HistoryCheckpointFailed = 4005;
    // 4011 is retired (a rejected answer's event failing to append is now RefusedAttemptAppendFailed): never reuse it.
    public const int TotpSeedUnreadable = 4012;
    public const int AggregatedAttemptsDropped = 4021;
    public const int WebhookSecretUnreadable = 4031;
    public const int FcmSendFailed = 4101;
    public const int FcmAccessTokenRejected = 4102;
    public const int FcmAccessTokenUnavailable = 4103;
    public const int FcmTransportError = 4104;
    public const int ApnsSendFailed = 4201;
    public const int ApnsProviderTokenRenewed = 4202;
    public const int ApnsConnectionReset = 4203;
    public const int ApnsTransportError = 4204;
    public const int DevPushDelivered = 4301;

    // 5000: contact messages, backups.
    public const int SmtpAuthRejected = 5101;
    public const int SmtpTlsFailed = 5102;
    public const int SmtpRefused = 5103;
    public const int SmtpTransport = 5104;
    public const int TwilioRefused = 5111;
    public const int TwilioTransport = 5112;
    public const int TwilioAuthRejected = 5113;
    public const int DevContactMessageKept = 5121;
    public const int RefusedAttemptAppendFailed = 5201;
    public const int ContactCodeNotSent = 5211;
    public const int UserNoticeNotSent = 5212;
    public const int BackupTooManyWrongPasscodes = 5221;
    public const int BackupMasterKeyMismatch = 5222;

    // 7000: the embedded SQLite store.
    public const int SqliteOpened = 7100;
    public const int SqliteClosed = 7101;
    public const int SqliteMigrationApplied = 7102;
    public const int SqliteTransactionLost = 7110;
    public const int SqliteCommitFailed = 7111;
    public const int SqliteBeginFailed = 7112;
    public const int SqliteWriteConflict = 7120;
    public const int SqliteReminderRemoveStale = 7130;
    public const int SqliteHistoryConflict = 7140;
}
