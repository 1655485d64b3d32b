namespace PushAuth.Domain.Challenges;

/// <summary>Bound from <c>PushAuth:Challenges</c>.</summary>
public sealed class ChallengeOptions
{
    /// <summary>How long a resolved challenge stays readable before it is purged.</summary>
    public TimeSpan ResolvedGracePeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long pushes for a user stay blocked after a fraud report or repeated denials.</summary>
    public TimeSpan FatigueCoolOff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Consecutive denials (without an approval between) that block pushes.</summary>
    public int DenialsBeforeBlock { get; set; } = 3;

    /// <summary>Approvals of the same service, action and network needed before a device may ask for an auto-approve rule.</summary>
    public int ApprovalsBeforeAutoApproveRule { get; set; } = 3;
}
