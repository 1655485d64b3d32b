namespace PushAuth.Domain.Effects;

/// <summary>A notice owed to the user through their verified contact (<see cref="PushAuth.Abstractions.IUserNotifier"/>).</summary>
public sealed record OwedUserNotice(string EffectId, UserNotice Notice) : OwedEffect(EffectId);
