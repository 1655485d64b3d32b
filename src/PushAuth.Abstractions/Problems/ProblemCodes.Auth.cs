namespace PushAuth.Abstractions;

public static partial class ProblemCodes
{
    /// <summary>Who may call: API keys, console sessions, device sessions and signed device requests.</summary>
    public static class Auth
    {
        public static readonly ProblemCode Required = new("auth.required", ErrorKind.Unauthenticated, "An API key or a console session is required");
        public static readonly ProblemCode ApiKey = new("auth.api-key", ErrorKind.Unauthenticated, "No valid API key (Authorization: Bearer pak_…)");
        public static readonly ProblemCode DeviceSession = new("auth.device-session", ErrorKind.Unauthenticated, "No valid device session (Authorization: Device …)");
        public static readonly ProblemCode Permission = new("auth.permission", ErrorKind.Forbidden, "The caller's role does not grant this operation");
        public static readonly ProblemCode Forbidden = new("auth.forbidden", ErrorKind.Forbidden, "Not allowed");
        public static readonly ProblemCode ConsoleOnly = new("auth.console-only", ErrorKind.Forbidden, "Only an admin signed in to the console with a passkey may do this");
        public static readonly ProblemCode HighAssuranceRequired = new("auth.high-assurance-required", ErrorKind.Forbidden, "Needs a recent passkey confirmation (step-up)");

        public static readonly ProblemCode CredentialInvalid = new("credential.invalid", ErrorKind.Validation,
            "The credential (a QR offer's, or a passkey registration) is missing, malformed or does not verify");

        public static readonly ProblemCode SignatureMissing = new("signature.missing", ErrorKind.Unauthenticated, "The operation must be signed by the device key");
        public static readonly ProblemCode SignatureStale = new("signature.stale", ErrorKind.Unauthenticated, "The signed timestamp is outside the allowed clock skew");
        public static readonly ProblemCode SignatureNonce = new("signature.nonce", ErrorKind.Unauthenticated, "PushAuth-Nonce must be 8-64 characters");
        public static readonly ProblemCode SignatureInvalid = new("signature.invalid", ErrorKind.Unauthenticated, "The request signature does not verify with the device's key");
        public static readonly ProblemCode SignatureReplay = new("signature.replay", ErrorKind.Unauthenticated, "This signed request was already used");
    }
}
