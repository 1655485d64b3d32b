using System.Text.Json.Serialization;

namespace PushAuth.Domain.Effects;

/// <summary>
/// One effect a grain owes, of one kind per record type. Its id is chosen once, at decision time, and kept with it:
/// a re-delivery carries the same id, consumers dedup on it, and the grain drops it from its state once delivered.
/// A new kind is a new record deriving from this one, a line in <see cref="OwedEffectsJsonConverter"/> (its stored
/// name) and a case in the delivery's dispatch.
/// </summary>
public abstract record OwedEffect([property: JsonPropertyOrder(-1)] string EffectId)
{
    /// <summary>True for effects other grains' correctness depends on (pushes, notices): the owing grain keeps a reminder
    /// registered until they are delivered, so a silo dying right after the write still gets them sent.</summary>
    [JsonIgnore]
    public virtual bool HoldsReminder => false;
}
