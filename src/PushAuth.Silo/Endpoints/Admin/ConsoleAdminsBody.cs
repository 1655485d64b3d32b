using System.ComponentModel.DataAnnotations;
namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of <c>PUT /v1/admin/console-admins</c>.</summary>
public sealed record ConsoleAdminsBody([property: Required] IReadOnlyList<ConsoleAdminBody>? Admins);
