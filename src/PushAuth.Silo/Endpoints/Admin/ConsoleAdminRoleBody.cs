using System.ComponentModel.DataAnnotations;
using PushAuth.Abstractions;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of <c>PATCH /console/api/admins/{adminId}</c>.</summary>
public sealed record ConsoleAdminRoleBody([property: Required] ApiKeyRole? Role);
