namespace PushAuth.Abstractions;

/// <summary>One verification method of a user: a paired device (push) or a TOTP credential.</summary>
/// <param name="Kind">"push" or "totp".</param>
[GenerateSerializer, Immutable, Alias("pa.VerificationMethod")]
public sealed record VerificationMethod(string MethodId, string Kind, string DisplayName, string? DeviceId, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
