using System.ComponentModel.DataAnnotations;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of <c>POST /console/api/setup/options</c>: the invitation of a setup link and the invited person's name.</summary>
public sealed record ConsoleSetupOptionsBody([property: Required] string? TenantId, [property: Required] string? Token, [property: Required] string? DisplayName);
