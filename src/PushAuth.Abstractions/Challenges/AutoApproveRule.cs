namespace PushAuth.Abstractions;

/// <summary>A location-based auto-approve rule: approvals of this service and action from this network need no tap.
/// The network is taken from the login request's own source address, never from the device.</summary>
[GenerateSerializer, Immutable, Alias("pa.AutoApproveRule")]
public sealed record AutoApproveRule(string RuleId, string Service, string Action, string Network, string CreatedByDeviceId, DateTimeOffset CreatedAt);
