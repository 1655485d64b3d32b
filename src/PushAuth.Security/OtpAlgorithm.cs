namespace PushAuth.Security;

/// <summary>The HMAC hash function of a HOTP/TOTP credential (RFC 6238 §1.2).</summary>
public enum OtpAlgorithm
{
    /// <summary>HMAC-SHA-1, the RFC 4226 default and the only one every authenticator app honors.</summary>
    Sha1 = 0,

    /// <summary>HMAC-SHA-256.</summary>
    Sha256 = 1,

    /// <summary>HMAC-SHA-512.</summary>
    Sha512 = 2,
}
