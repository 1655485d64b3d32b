using PushAuth.Abstractions;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>One console admin: a user of the tenant and their role.</summary>
public sealed record ConsoleAdminBody(string? UserId, ApiKeyRole? Role);
