namespace PushAuth.Abstractions;

public static partial class ProblemCodes
{
    /// <summary>Pairing by phrase and by QR offer.</summary>
    public static class Pairing
    {
        public static readonly ProblemCode NotFound = new("pairing.not-found", ErrorKind.NotFound, "No such pairing (for this tenant or device)");
        public static readonly ProblemCode UnknownPhrase = new("pairing.unknown-phrase", ErrorKind.NotFound, "Unknown, expired or used pairing phrase");
        public static readonly ProblemCode PhraseUsed = new("pairing.phrase-used", ErrorKind.Gone, "The phrase was claimed already");
        public static readonly ProblemCode PhraseMissing = new("phrase.missing", ErrorKind.Validation, "'phrase' is required");
        public static readonly ProblemCode RateLimited = new("pairing.rate-limited", ErrorKind.TooManyRequests, "Too many unknown phrases from this address");
        public static readonly ProblemCode PhraseRateLimited = new("pairing.phrase-rate-limited", ErrorKind.TooManyRequests, "This device asked for too many phrases");
        public static readonly ProblemCode NoFreePhrase = new("pairing.no-free-phrase", ErrorKind.Conflict, "No free phrase could be drawn; retry");
        public static readonly ProblemCode Exists = new("pairing.exists", ErrorKind.Conflict, "This pairing id is taken");
        public static readonly ProblemCode Expired = new("pairing.expired", ErrorKind.Gone, "The pairing expired");
        public static readonly ProblemCode NotAwaitingDevice = new("pairing.not-awaiting-device", ErrorKind.Conflict, "The pairing no longer waits for the device");
        public static readonly ProblemCode BadSignature = new("pairing.bad-signature", ErrorKind.Unauthenticated, "The confirmation's signature does not verify");
        public static readonly ProblemCode Revoked = new("pairing.revoked", ErrorKind.Conflict, "The user's methods were revoked after this pairing began");
        public static readonly ProblemCode DecisionInvalid = new("decision.invalid", ErrorKind.Validation, "Not a decision this step takes");
        public static readonly ProblemCode OfferNotFound = new("pairing.offer-not-found", ErrorKind.NotFound, "Unknown, expired or used offer");
        public static readonly ProblemCode OfferUsed = new("pairing.offer-used", ErrorKind.Gone, "The offer was used already");
        public static readonly ProblemCode BadCredential = new("pairing.bad-credential", ErrorKind.Unauthenticated, "The enrollment credential is not valid for this offer");
    }
}
