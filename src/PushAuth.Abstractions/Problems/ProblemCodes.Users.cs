namespace PushAuth.Abstractions;

public static partial class ProblemCodes
{
    /// <summary>Users, their verification methods, TOTP and the admin's recovery tools.</summary>
    public static class Users
    {
        public static readonly ProblemCode NotFound = new("user.not-found", ErrorKind.NotFound, "No such user in this tenant");
        public static readonly ProblemCode KeyCollision = new("user.key-collision", ErrorKind.Conflict, "The user cannot be stored under its key");
        public static readonly ProblemCode TooManyDevices = new("user.too-many-devices", ErrorKind.Conflict, "The user has the most paired devices allowed");
        public static readonly ProblemCode TooManyTotp = new("user.too-many-totp", ErrorKind.Conflict, "The user has the most TOTP credentials allowed");
        public static readonly ProblemCode MethodNotFound = new("method.not-found", ErrorKind.NotFound, "No such verification method");
        public static readonly ProblemCode CodeInvalid = new("code.invalid", ErrorKind.Validation, "'code' must be the digits from the authenticator or message");
        public static readonly ProblemCode TemporaryCodeRateLimited = new("temporary-code.rate-limited", ErrorKind.TooManyRequests, "Too many temporary codes for this user this hour");
        public static readonly ProblemCode ValidityHoursOutOfRange = new("validityHours.out-of-range", ErrorKind.Validation, "validityHours is outside what this operation allows");
    }

    /// <summary>The identity-verification history.</summary>
    public static class History
    {
        public static readonly ProblemCode LimitInvalid = new("limit.invalid", ErrorKind.Validation, "limit is outside the range this list allows");
        public static readonly ProblemCode FormatInvalid = new("format.invalid", ErrorKind.Validation, "format must be csv or json");
        public static readonly ProblemCode CursorInvalid = new("cursor.invalid", ErrorKind.Validation, "Not a cursor of this query");
        public static readonly ProblemCode RangeInvalid = new("range.invalid", ErrorKind.Validation, "'from' must be before 'to'");
        public static readonly ProblemCode BucketInvalid = new("bucket.invalid", ErrorKind.Validation, "bucket must be hour or day");
        public static readonly ProblemCode ToBeforeFrom = new("to.before-from", ErrorKind.Validation, "'to' must be after 'from'");
        public static readonly ProblemCode WindowTooLong = new("window.too-long", ErrorKind.Validation, "The statistics window is longer than its bucket allows");
    }
}
