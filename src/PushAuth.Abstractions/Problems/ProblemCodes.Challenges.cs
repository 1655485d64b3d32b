namespace PushAuth.Abstractions;

public static partial class ProblemCodes
{
    /// <summary>Push challenges: creation, reading and waiting, answers, push-fatigue limits and auto-approve rules.</summary>
    public static class Challenges
    {
        public static readonly ProblemCode NotFound = new("challenge.not-found", ErrorKind.NotFound, "No such challenge");
        public static readonly ProblemCode IdInvalid = new("challengeId.invalid", ErrorKind.Validation, "Not a challenge id");
        public static readonly ProblemCode ContextMissing = new("context.missing", ErrorKind.Validation, "'context' with 'service' and 'action' is required");
        public static readonly ProblemCode SourceIpInvalid = new("context.sourceIp.invalid", ErrorKind.Validation, "context.sourceIp must be an IP address");
        public static readonly ProblemCode NumberDigitsInvalid = new("numberDigits.invalid", ErrorKind.Validation, "numberDigits must be 2..6");
        public static readonly ProblemCode ExpiresInSecondsInvalid = new("expiresInSeconds.invalid", ErrorKind.Validation, "expiresInSeconds must be 10..600");
        public static readonly ProblemCode SessionBindingInvalid = new("sessionBinding.invalid", ErrorKind.Validation, "sessionBinding must be at most 256 characters");
        public static readonly ProblemCode SessionBindingReserved = new("sessionBinding.reserved", ErrorKind.Validation, "sessionBinding must not use the reserved 'console:' prefix");
        public static readonly ProblemCode IdempotencyKeyInvalid = new("idempotencyKey.invalid", ErrorKind.Validation, "Idempotency-Key must be 1-128 printable ASCII characters");
        public static readonly ProblemCode IdempotencyKeyReused = new("idempotency.key-reused", ErrorKind.Unprocessable, "The Idempotency-Key was used with another request");
        public static readonly ProblemCode DeviceNotPairedWithUser = new("deviceId.not-paired", ErrorKind.Validation, "deviceId is not one of the user's paired devices");
        public static readonly ProblemCode WaitInvalid = new("wait.invalid", ErrorKind.Validation, "wait must be 0..30 seconds");
        public static readonly ProblemCode LongPollTooMany = new("long-poll.too-many", ErrorKind.TooManyRequests, "This key holds too many long-polls at once");

        public static readonly ProblemCode NoDevice = new("push.no-device", ErrorKind.Conflict, "The user has no paired device for push");
        public static readonly ProblemCode PushBlocked = new("push.blocked", ErrorKind.Locked, "Pushes to this user are blocked for a cool-off period");
        public static readonly ProblemCode PushRevoked = new("push.revoked", ErrorKind.Locked, "An admin revoked the user's methods; push resumes after a new pairing");
        public static readonly ProblemCode TooManyOutstanding = new("push.too-many-outstanding", ErrorKind.TooManyRequests, "The user has the most pending challenges allowed");
        public static readonly ProblemCode PushRateLimited = new("push.rate-limited", ErrorKind.TooManyRequests, "Too many pushes to this user this minute");

        public static readonly ProblemCode BadSignature = new("challenge.bad-signature", ErrorKind.Unauthenticated, "The answer's signature or nonce does not verify");
        public static readonly ProblemCode DeviceNotPaired = new("challenge.device-not-paired", ErrorKind.Forbidden, "The device is no longer paired with the user");
        public static readonly ProblemCode NumberMismatch = new("challenge.number-mismatch", ErrorKind.Conflict, "The number does not match; the challenge is denied");
        public static readonly ProblemCode AlreadyResolved = new("challenge.already-resolved", ErrorKind.Conflict, "The challenge is resolved already");
        public static readonly ProblemCode NonceInvalid = new("nonce.invalid", ErrorKind.Validation, "'nonce' (from the challenge) is required");
        public static readonly ProblemCode SignatureMissing = new("signature.invalid", ErrorKind.Validation, "'signature' (base64url P1363) is required");
        public static readonly ProblemCode NumberAnswerInvalid = new("numberAnswer.invalid", ErrorKind.Validation, "numberAnswer must be the digits shown on the login page");
        public static readonly ProblemCode ReasonInvalid = new("reason.invalid", ErrorKind.Validation, "Not a reason this operation takes");

        public static readonly ProblemCode RuleNotFound = new("rule.not-found", ErrorKind.NotFound, "No such auto-approve rule");
        public static readonly ProblemCode AutoApproveDeviceNotPaired = new("auto-approve.device-not-paired", ErrorKind.Forbidden, "Only a paired device may ask for a rule");
        public static readonly ProblemCode AutoApproveDisabled = new("auto-approve.disabled", ErrorKind.Forbidden, "Location-based auto-approve is off for this tenant");
        public static readonly ProblemCode AutoApproveUnknownApproval = new("auto-approve.unknown-approval", ErrorKind.NotFound, "No recent approval of that challenge by this device");
        public static readonly ProblemCode AutoApproveNotEligible = new("auto-approve.not-eligible", ErrorKind.Conflict, "Not enough approvals from this network yet");
    }
}
