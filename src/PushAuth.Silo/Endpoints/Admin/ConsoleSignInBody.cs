using System.ComponentModel.DataAnnotations;
namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of <c>POST /console/api/sign-in</c>: a designated admin of the tenant, signing in with a push approval
/// on their own paired device (<c>method = push</c>) or a TOTP code from it (<c>method = totp</c>).</summary>
public sealed record ConsoleSignInBody([property: Required] string? TenantId, [property: Required] string? UserId, [property: Required] string? Method, string? Code);
