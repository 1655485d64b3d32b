using System.ComponentModel.DataAnnotations;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of <c>POST /console/api/sign-in/options</c>: the tenant to sign in to.</summary>
public sealed record ConsoleSignInOptionsBody([property: Required] string? TenantId);
