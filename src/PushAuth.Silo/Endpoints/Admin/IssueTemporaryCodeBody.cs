using System.ComponentModel.DataAnnotations;
namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of <c>POST /v1/admin/users/{userId}/temporary-codes</c>.</summary>
/// <param name="ValidityHours">1..24, chosen by the admin.</param>
/// <param name="LoginServiceKeyId">Optional: only the login service with this API key id can verify the code.</param>
public sealed record IssueTemporaryCodeBody([property: Required] int? ValidityHours, string? LoginServiceKeyId);
