namespace PushAuth.Abstractions;

public static partial class ProblemCodes
{
    /// <summary>Device registration, sessions, push routes and notices.</summary>
    public static class Devices
    {
        public static readonly ProblemCode Exists = new("device.exists", ErrorKind.Conflict, "This device id (its key) is registered already");
        public static readonly ProblemCode NotFound = new("device.not-found", ErrorKind.NotFound, "No such active device");
        public static readonly ProblemCode RateLimited = new("device.rate-limited", ErrorKind.TooManyRequests, "Too many requests of this kind from this device or address");
        public static readonly ProblemCode BadNonce = new("device.bad-nonce", ErrorKind.Unauthenticated, "The registration nonce is unknown or expired");
        public static readonly ProblemCode BadProof = new("device.bad-proof", ErrorKind.Unauthenticated, "The registration proof does not verify");
        public static readonly ProblemCode NonceMissing = new("nonce.missing", ErrorKind.Validation, "'nonce' is required");
        public static readonly ProblemCode ProofMissing = new("proof.missing", ErrorKind.Validation, "'proof' is required");
        public static readonly ProblemCode PublicKeyInvalid = new("publicKey.invalid", ErrorKind.Validation, "Not a base64url SPKI of an ECDSA P-256 key");
        public static readonly ProblemCode PlatformInvalid = new("platform.invalid", ErrorKind.Validation, "platform must be android or ios");
        public static readonly ProblemCode PushProviderInvalid = new("pushProvider.invalid", ErrorKind.Validation, "pushProvider must be fcm, apns or dev");
        public static readonly ProblemCode PushProviderMissing = new("pushProvider.missing", ErrorKind.Validation, "'pushProvider' is required");
        public static readonly ProblemCode PushTokenInvalid = new("pushToken.invalid", ErrorKind.Validation, "Not a push token of that provider");
        public static readonly ProblemCode PushTokenMissing = new("pushToken.missing", ErrorKind.Validation, "'pushToken' is required");

        public static readonly ProblemCode SessionBadNonce = new("session.bad-nonce", ErrorKind.Unauthenticated, "The session nonce is unknown or expired");
        public static readonly ProblemCode SessionBadSignature = new("session.bad-signature", ErrorKind.Unauthenticated, "The session proof does not verify for this device");
        public static readonly ProblemCode SessionReplay = new("session.replay", ErrorKind.Unauthenticated, "This nonce already opened a session");

        public static readonly ProblemCode NoticeNotFound = new("notice.not-found", ErrorKind.NotFound, "No such notice");
    }
}
