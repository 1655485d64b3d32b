using System.ComponentModel.DataAnnotations;
using PushAuth.Abstractions;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>One console admin: a user of the tenant and their role.</summary>
public sealed record ConsoleAdminBody([property: Required] string? UserId, [property: Required] ApiKeyRole? Role);
