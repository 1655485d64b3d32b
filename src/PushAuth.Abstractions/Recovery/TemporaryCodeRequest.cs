namespace PushAuth.Abstractions;

/// <summary>An admin asks for a temporary verification code for a user.</summary>
/// <param name="Validity">How long the code works: 1 to 24 hours, chosen by the admin.</param>
/// <param name="LoginServiceKeyId">When set, only the login service calling with this API key id (the 8-character
/// <c>keyId</c> of <c>GET /v1/admin/api-keys</c>) can verify the code.</param>
[GenerateSerializer, Immutable, Alias("pa.TemporaryCodeRequest")]
public sealed record TemporaryCodeRequest(TimeSpan Validity, string? LoginServiceKeyId);
