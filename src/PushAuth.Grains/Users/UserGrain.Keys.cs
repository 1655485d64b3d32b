using Microsoft.Extensions.Logging;
using PushAuth.Domain.Users;
using PushAuth.Security;
using PushAuth.Diagnostics;

namespace PushAuth.Grains.Users;

/// <summary>Reading TOTP seeds when keys change: an unreadable seed fails its own credential only, and a seed under an
/// old key id is re-encrypted under the active key in the next write its check makes.</summary>
internal partial class UserGrain
{
    private byte[]? TryUnprotect(SecretProtector protector, TotpMethod method)
    {
        try
        {
            return protector.Unprotect(method.ProtectedSecret, AssociatedData(method.MethodId));
        }
        catch (SecretProtectionException ex)
        {
            LogUnreadableSeed(method.MethodId, SafeKeyId(method.ProtectedSecret), ex.Message);
            return null;
        }
    }

    private static string SafeKeyId(string protectedValue)
    {
        try
        {
            return SecretProtector.GetKeyId(protectedValue);
        }
        catch (SecretProtectionException)
        {
            return "?";
        }
    }

    [LoggerMessage(EventId = LogEvents.TotpSeedUnreadable, Level = LogLevel.Error,
        Message = "TOTP credential {MethodId} cannot be decrypted (key id {KeyId}: {Reason}); it fails alone. Configure that key (or PushAuth:Security:ImportDevelopmentKey for 'dev') to read it again")]
    private partial void LogUnreadableSeed(string methodId, string keyId, string reason);
}
