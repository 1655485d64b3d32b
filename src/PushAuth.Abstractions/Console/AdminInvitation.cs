namespace PushAuth.Abstractions;

/// <summary>A one-time invitation to become an admin of the tenant with <paramref name="Role"/>. Only the SHA-256 of its
/// token is kept; the token itself lives in the setup link's fragment and nowhere on the server.</summary>
[GenerateSerializer, Immutable, Alias("pa.AdminInvitation")]
public sealed record AdminInvitation(string InvitationId, string TokenHash, ApiKeyRole Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string CreatedBy);
