namespace PushAuth.Abstractions;

public static partial class ProblemCodes
{
    /// <summary>The OpenID Provider's own pages and admin API (the protocol endpoints answer with OAuth errors, not these).</summary>
    public static class Oidc
    {
        public static readonly ProblemCode UnknownIssuer = new("oidc.unknown-issuer", ErrorKind.NotFound, "No OpenID Provider for this tenant");
        public static readonly ProblemCode ClientNotFound = new("oidc.client-not-found", ErrorKind.NotFound, "No such OIDC client in this tenant");
        public static readonly ProblemCode ClientLimit = new("oidc.client-limit", ErrorKind.Conflict, "The tenant has as many OIDC clients as it may");
        public static readonly ProblemCode RedirectUris = new("oidc.redirect-uris", ErrorKind.Validation, "Redirect URIs must be absolute https (or loopback http) URIs without fragments");
        public static readonly ProblemCode Flows = new("oidc.flows", ErrorKind.Validation, "Allowed flows must name the code flow, CIBA or both");
        public static readonly ProblemCode PromptNotFound = new("oidc.prompt-not-found", ErrorKind.NotFound, "Unknown or ended sign-in prompt");
        public static readonly ProblemCode PromptMismatch = new("oidc.prompt-mismatch", ErrorKind.Conflict, "The prompt belongs to another request");
        public static readonly ProblemCode PromptBusy = new("oidc.prompt-busy", ErrorKind.Conflict, "The prompt is already waiting for an answer");
        public static readonly ProblemCode Code = new("oidc.code", ErrorKind.Validation, "'code' must be the digits of a TOTP or temporary code");
        public static readonly ProblemCode AlreadyEnrolled = new("oidc.already-enrolled", ErrorKind.Forbidden, "An enrolled user pairs a new device after signing in, not on the prompt");
        public static readonly ProblemCode CibaExists = new("oidc.ciba-exists", ErrorKind.Conflict, "This backchannel request id is taken");
    }
}
