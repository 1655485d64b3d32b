namespace PushAuth.Domain.Backup;

/// <summary>Why a presented code is refused before it is even compared.</summary>
public enum ContactConfirmRefusal
{
    Used,
    Expired,
    TooManyAttempts,
    Superseded,
}
