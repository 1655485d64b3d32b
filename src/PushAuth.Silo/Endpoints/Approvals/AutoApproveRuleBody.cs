using System.ComponentModel.DataAnnotations;
namespace PushAuth.Silo.Endpoints.Approvals;

/// <summary>A device asks to turn an approved challenge into an auto-approve rule.</summary>
public sealed record AutoApproveRuleBody([property: Required] string? ChallengeId);
