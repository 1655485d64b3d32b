namespace PushAuth.History;

/// <summary>
/// Every activity name the history records, in one place: the console, the statistics and the grains name them from here.
/// Names are part of the history's contract (exports, SIEM queries, the chain): never rename one. A resolution's
/// activity is <c>challenge.{status}</c> (cancelled, expired, …) unless a device answered it (<see cref="ChallengeAnswered"/>).
/// </summary>
public static class HistoryActivities
{
    public const string TotpLockCleared = "totp.lock-cleared";
    public const string TotpVerify = "totp.verify";

    public const string ChallengeAnswerRejected = "challenge.answer-rejected";
    public const string ChallengeAnswered = "challenge.answered";
    public const string ChallengeAutoApproved = "challenge.auto-approved";
    public const string ChallengeCreated = "challenge.created";
    public const string ChallengeExpired = "challenge.expired";

    public const string TemporaryCodeExpiredAll = "temporary-code.expired-all";
    public const string TemporaryCodeIssued = "temporary-code.issued";
    public const string TemporaryCodeVerify = "temporary-code.verify";

    public const string ContactCodeRequested = "contact.code-requested";
    public const string ContactCodeSent = "contact.code-sent";
    public const string ContactVerify = "contact.verify";

    public const string BackupContactChange = "backup.contact-change";
    public const string BackupContactChanged = "backup.contact-changed";
    public const string BackupCreate = "backup.create";
    public const string BackupCreated = "backup.created";
    public const string BackupDeleted = "backup.deleted";
    public const string BackupDestroyed = "backup.destroyed";
    public const string BackupLocked = "backup.locked";
    public const string BackupPasscodeChanged = "backup.passcode-changed";
    public const string BackupReplaced = "backup.replaced";
    public const string BackupRestore = "backup.restore";
    public const string BackupRestored = "backup.restored";
    public const string BackupUnlock = "backup.unlock";
    public const string BackupUpdated = "backup.updated";

    public const string TenantCreated = "tenant.created";
    public const string TenantSettingsUpdated = "tenant.settings-updated";

    public const string PushBlockCleared = "push.block-cleared";
    public const string PushBlocked = "push.blocked";
    public const string PushDeliveryFailed = "push.delivery-failed";

    public const string PairingClaim = "pairing.claim";
    public const string PairingClaimed = "pairing.claimed";
    public const string PairingConfirmSignatureRejected = "pairing.confirm-signature-rejected";
    public const string PairingOfferCreated = "pairing.offer-created";
    public const string PairingOfferCredentialRejected = "pairing.offer-credential-rejected";

    public const string MethodDisconnected = "method.disconnected";
    public const string MethodPaired = "method.paired";
    public const string MethodRevoked = "method.revoked";
    public const string MethodTotpEnrolled = "method.totp-enrolled";

    public const string EventDeliveryReplayed = "event-delivery.replayed";
    public const string EventSubscriptionCreated = "event-subscription.created";
    public const string EventSubscriptionDeleted = "event-subscription.deleted";

    public const string HistoryExported = "history.exported";
    public const string HistoryRetentionCut = "history.retention-cut";
    public const string HistoryVerified = "history.verified";

    public const string DeviceDeregistered = "device.deregistered";
    public const string DeviceNotice = "device.notice";
    public const string DevicePurged = "device.purged";
    public const string DevicePushTokenInvalid = "device.push-token-invalid";
    public const string DevicePushTokenUpdated = "device.push-token-updated";
    public const string DeviceRegister = "device.register";
    public const string DeviceRegistered = "device.registered";

    public const string ApiKeyIssued = "api-key.issued";
    public const string ApiKeyRevoked = "api-key.revoked";

    public const string AdminEnrolled = "admin.enrolled";
    public const string AdminInvitationRevoked = "admin.invitation-revoked";
    public const string AdminInvited = "admin.invited";
    public const string AdminPasskeyAdded = "admin.passkey-added";
    public const string AdminPasskeyRemoved = "admin.passkey-removed";
    public const string AdminRemoved = "admin.removed";
    public const string AdminRoleChanged = "admin.role-changed";
    public const string AdminSignIn = "admin.sign-in";
    public const string AdminSignedIn = "admin.signed-in";
    public const string AdminSignedOut = "admin.signed-out";
    public const string AdminStepUp = "admin.step-up";
    public const string AdminSteppedUp = "admin.stepped-up";
}
