namespace PushAuth.Abstractions;

public static partial class ProblemCodes
{
    /// <summary>Contact verification, backups and restores.</summary>
    public static class Backup
    {
        public static readonly ProblemCode ChannelInvalid = new("channel.invalid", ErrorKind.Validation, "channel must be email or sms");
        public static readonly ProblemCode AddressInvalid = new("address.invalid", ErrorKind.Validation, "Not an email address or international mobile number");
        public static readonly ProblemCode AddressUndeliverable = new("address.undeliverable", ErrorKind.Unprocessable, "The message could not be delivered to this address");
        public static readonly ProblemCode SendFailed = new("contact.send-failed", ErrorKind.Unavailable, "The message could not be sent just now; retry");
        public static readonly ProblemCode ContactRateLimited = new("contact.rate-limited", ErrorKind.TooManyRequests, "Too many codes were sent to this address");
        public static readonly ProblemCode SourceRateLimited = new("source.rate-limited", ErrorKind.TooManyRequests, "Too many codes were asked for from this network");
        public static readonly ProblemCode VerificationNotFound = new("verification.not-found", ErrorKind.NotFound, "No such verification for this device");
        public static readonly ProblemCode CodeMissing = new("code.missing", ErrorKind.Validation, "Give either 'code' or 'linkToken'");
        public static readonly ProblemCode LinkTokenInvalid = new("linkToken.invalid", ErrorKind.Validation, "'linkToken' must be the t= value of the link");
        public static readonly ProblemCode CodeWrong = new("code.wrong", ErrorKind.Unprocessable, "The code is not right");
        public static readonly ProblemCode LinkTokenWrong = new("linkToken.wrong", ErrorKind.Unprocessable, "The link is not right");
        public static readonly ProblemCode CodeUsed = new("code.used", ErrorKind.Gone, "The code was used already");
        public static readonly ProblemCode CodeExpired = new("code.expired", ErrorKind.Gone, "The code expired");
        public static readonly ProblemCode CodeSuperseded = new("code.superseded", ErrorKind.Gone, "A newer code was sent");
        public static readonly ProblemCode CodeTooManyAttempts = new("code.too-many-attempts", ErrorKind.TooManyRequests, "Too many wrong codes");

        public static readonly ProblemCode ContactUnverified = new("contact.unverified", ErrorKind.Forbidden, "The verification is not of this contact, or not fresh");
        public static readonly ProblemCode ContactUnchanged = new("contact.unchanged", ErrorKind.Validation, "The backup is kept for this contact already");
        public static readonly ProblemCode NotFound = new("backup.not-found", ErrorKind.NotFound, "No backup (for this device or contact)");
        public static readonly ProblemCode Exists = new("backup.exists", ErrorKind.Conflict, "The contact holds another device's backup");
        public static readonly ProblemCode NoConnectedAccount = new("backup.no-connected-account", ErrorKind.Conflict, "A backup needs at least one connected account");
        public static readonly ProblemCode Destroyed = new("backup.destroyed", ErrorKind.Gone, "The backup was destroyed after too many wrong passcodes");
        public static readonly ProblemCode Locked = new("backup.locked", ErrorKind.Locked, "The backup is locked after too many wrong passcodes");
        public static readonly ProblemCode KeyUnavailable = new("backup.key-unavailable", ErrorKind.Unavailable, "The backup's master key is not configured");
        public static readonly ProblemCode DeviceHasAccounts = new("restore.device-has-accounts", ErrorKind.Conflict, "Restore never overwrites a device's accounts");
        public static readonly ProblemCode PasscodeWrong = new("passcode.wrong", ErrorKind.Forbidden, "Wrong passcode");

        public static readonly ProblemCode AccountCountInvalid = new("accountCount.invalid", ErrorKind.Validation, "accountCount must be 1..1000");
        public static readonly ProblemCode SaltInvalid = new("salt.invalid", ErrorKind.Validation, "'salt' must be 16 random bytes, base64url");
        public static readonly ProblemCode KdfInvalid = new("kdf.invalid", ErrorKind.Validation, "The KDF parameters are below the minimum or malformed");
        public static readonly ProblemCode EnrollmentInvalid = new("enrollment.invalid", ErrorKind.Validation, "'enrollment' must be sealed to the server's backup key");
        public static readonly ProblemCode BlobInvalid = new("blob.invalid", ErrorKind.Validation, "'blob' is not an encrypted backup");
        public static readonly ProblemCode BlobTooLarge = new("blob.too-large", ErrorKind.PayloadTooLarge, "'blob' is larger than the bound");
        public static readonly ProblemCode ProofInvalid = new("proof.invalid", ErrorKind.Validation, "'proof' must be the auth key sealed to the server's backup key");
    }
}
