namespace PushAuth.Abstractions;

public static partial class ProblemCodes
{
    /// <summary>The admin console: sign-in, sessions, admins, invitations and passkeys.</summary>
    public static class Console
    {
        public static readonly ProblemCode SignedOut = new("console.signed-out", ErrorKind.Unauthenticated, "Not signed in to the console");
        public static readonly ProblemCode SignInFailed = new("console.sign-in-failed", ErrorKind.Unauthenticated, "Sign-in failed");
        public static readonly ProblemCode SignInThrottled = new("console.sign-in-throttled", ErrorKind.TooManyRequests, "Too many sign-in attempts");
        public static readonly ProblemCode CeremonyUnknown = new("console.ceremony-unknown", ErrorKind.Unauthenticated, "No passkey ceremony of this browser to finish");
        public static readonly ProblemCode CsrfMissing = new("console.csrf-missing", ErrorKind.Forbidden, "A console request that changes something needs X-CSRF-Token");
        public static readonly ProblemCode CsrfInvalid = new("console.csrf-invalid", ErrorKind.Forbidden, "X-CSRF-Token does not match the session");
        public static readonly ProblemCode OriginNotConfigured = new("console.origin-not-configured", ErrorKind.Unavailable, "The console's origin is not configured");
        public static readonly ProblemCode CredentialMissing = new("credential.missing", ErrorKind.Validation, "'credential' (the browser's PublicKeyCredential) is required");
        public static readonly ProblemCode RoleMissing = new("role.missing", ErrorKind.Validation, "'role' is required");

        public static readonly ProblemCode AdminNotFound = new("admin.not-found", ErrorKind.NotFound, "No such admin");
        public static readonly ProblemCode LastAdmin = new("admins.last-admin", ErrorKind.Conflict, "The tenant's last Admin cannot go");
        public static readonly ProblemCode TooManyAdmins = new("admins.too-many", ErrorKind.Conflict, "The tenant has the most admins allowed");
        public static readonly ProblemCode InvitationInvalid = new("invitation.invalid", ErrorKind.NotFound, "Unknown, used or expired setup link");
        public static readonly ProblemCode InvitationNotFound = new("invitation.not-found", ErrorKind.NotFound, "No such open invitation");
        public static readonly ProblemCode TooManyInvitations = new("invitations.too-many", ErrorKind.Conflict, "The tenant has the most open invitations allowed");
        public static readonly ProblemCode PasskeyAlreadyRegistered = new("passkey.already-registered", ErrorKind.Conflict, "This passkey is registered already");
        public static readonly ProblemCode PasskeyCeremonyUsed = new("passkey.ceremony-used", ErrorKind.Unauthenticated, "This passkey ceremony was used already");
        public static readonly ProblemCode PasskeyLastOfLastAdmin = new("passkey.last-of-last-admin", ErrorKind.Conflict, "The last Admin's last passkey cannot go");
        public static readonly ProblemCode PasskeyNotFound = new("passkey.not-found", ErrorKind.NotFound, "No such passkey");
        public static readonly ProblemCode TooManyPasskeys = new("passkeys.too-many", ErrorKind.Conflict, "The admin has the most passkeys allowed");
    }
}
