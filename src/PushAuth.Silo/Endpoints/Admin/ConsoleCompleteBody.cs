using System.ComponentModel.DataAnnotations;
namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>Body of <c>POST /console/api/sign-in/complete</c>: the push sign-in to finish.</summary>
public sealed record ConsoleCompleteBody([property: Required] string? SignInId);
