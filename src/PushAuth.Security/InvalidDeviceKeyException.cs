namespace PushAuth.Security;

/// <summary>A device public key is malformed or is not an ECDSA P-256 SubjectPublicKeyInfo.</summary>
public sealed class InvalidDeviceKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidDeviceKeyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidDeviceKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InvalidDeviceKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
