namespace PushAuth.Security;

/// <summary>A protected secret could not be decrypted: unknown key id, malformed envelope, tampering, or wrong associated data.</summary>
public sealed class SecretProtectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecretProtectionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SecretProtectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SecretProtectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
