using System.ComponentModel.DataAnnotations;
namespace PushAuth.Silo.Endpoints.Backup;

/// <summary>A device asks for a code: <c>channel</c> is <c>email</c> or <c>sms</c>.</summary>
public sealed record StartContactVerificationBody([property: Required] string? Channel, [property: Required] string? Address);

/// <summary>The typed code, or the token of the tapped link (its <c>#t=…</c>); exactly one.</summary>
public sealed record ConfirmContactBody(string? Code, string? LinkToken);
