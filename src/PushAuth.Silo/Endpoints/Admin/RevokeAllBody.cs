using System.ComponentModel.DataAnnotations;
namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of <c>POST /v1/admin/users/{userId}/revoke-all</c>.</summary>
/// <param name="Reason"><c>lost</c> or <c>stolen</c>.</param>
/// <param name="LostSince">When the user last had the device for certain; the last known-good verification is the
/// last success before it (default: before now).</param>
public sealed record RevokeAllBody([property: Required] string? Reason, DateTimeOffset? LostSince);
