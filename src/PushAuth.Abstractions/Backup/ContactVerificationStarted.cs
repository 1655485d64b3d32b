namespace PushAuth.Abstractions;

/// <summary>A code is on its way. The verification id carries the contact's grain key.</summary>
[GenerateSerializer, Immutable, Alias("pa.ContactVerificationStarted")]
public sealed record ContactVerificationStarted(string VerificationId, string Channel, string MaskedAddress, DateTimeOffset ExpiresAt, DateTimeOffset ResendAfter);
