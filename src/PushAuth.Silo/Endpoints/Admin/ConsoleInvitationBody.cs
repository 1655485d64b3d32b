using System.ComponentModel.DataAnnotations;
using PushAuth.Abstractions;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of <c>POST /console/api/invitations</c>.</summary>
/// <param name="ValidityHours">1..168; default <c>PushAuth:Console:InvitationLifetime</c>.</param>
public sealed record ConsoleInvitationBody([property: Required] ApiKeyRole? Role, int? ValidityHours = null);
