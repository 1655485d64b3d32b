using PushAuth.Security;

namespace PushAuth.Domain.Users;

/// <summary>A TOTP credential; the seed is encrypted (AES-GCM, bound to the user grain and method id).</summary>
public sealed record TotpMethod(string MethodId, string? DeviceId, string ProtectedSecret, OtpAlgorithm Algorithm, int Digits, int Period,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, long? LastAcceptedStep);
