using PushAuth.Domain.Challenges;

namespace PushAuth.Domain.Users;

/// <summary>What a user decision made: the state to save (with what it owes), the challenges it resolved and whether it
/// newly blocked pushes, both for the grain's metrics once the write succeeded.</summary>
public sealed record UserDecision(UserState State, IReadOnlyList<ChallengeState> Resolved, bool PushBlocked = false)
{
    public static UserDecision Of(UserState state) => new(state, []);
}
