namespace PushAuth.Domain.Effects;

/// <summary>A persisted state that carries the effects its grain owes.</summary>
public interface IOwesEffects
{
    OwedEffects Owed { get; }
}
