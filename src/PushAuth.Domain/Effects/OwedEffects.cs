using System.Text.Json.Serialization;
using PushAuth.History;

namespace PushAuth.Domain.Effects;

/// <summary>
/// Effects a grain owes, saved in the same state write as the decision that caused them: nothing is sent for a change
/// that was not saved, and nothing saved is left unsent (the grain hands them out after the write, and again after a
/// crash). Every consumer is idempotent by effect id. One list of every kind, in the order they were owed; stored as
/// one array per kind (<see cref="OwedEffectsJsonConverter"/>).
/// </summary>
[JsonConverter(typeof(OwedEffectsJsonConverter))]
public sealed record OwedEffects
{
    public static OwedEffects None { get; } = new();

    public OwedEffects()
    {
    }

    public OwedEffects(IEnumerable<OwedEffect> items) => Items = [.. items];

    /// <summary>Every effect owed.</summary>
    public IReadOnlyList<OwedEffect> Items { get; init; } = [];

    /// <summary>The owed history events: a view of <see cref="Items"/>; setting it (in an initializer) adds them.</summary>
    public IReadOnlyList<HistoryEvent> History
    {
        get => [.. Items.OfType<OwedHistory>().Select(h => h.Event)];
        init => Items = [.. Items.Where(e => e is not OwedHistory), .. value.Select(e => new OwedHistory(e))];
    }

    /// <summary>The owed pushes: a view of <see cref="Items"/>; setting it (in an initializer) adds them.</summary>
    public IReadOnlyList<OwedPush> Pushes
    {
        get => [.. Items.OfType<OwedPush>()];
        init => Items = [.. Items.Where(e => e is not OwedPush), .. value];
    }

    public bool IsEmpty => Items.Count == 0;

    public int Count => Items.Count;

    /// <summary>True while something owed holds the grain's reminder (<see cref="OwedEffect.HoldsReminder"/>).</summary>
    public bool HoldsReminder => Items.Any(e => e.HoldsReminder);

    /// <summary>Effects of the given kinds.</summary>
    public static OwedEffects Of(params IEnumerable<OwedEffect> items) => new(items);

    /// <summary>History events as owed effects.</summary>
    public static OwedEffects Of(params IEnumerable<HistoryEvent> events) => new(events.Select(e => new OwedHistory(e)));

    /// <summary>These effects without the ones already delivered.</summary>
    public OwedEffects Without(IReadOnlySet<string> delivered) =>
        delivered.Count == 0 || IsEmpty || !Items.Any(e => delivered.Contains(e.EffectId)) ? this : new(Items.Where(e => !delivered.Contains(e.EffectId)));

    /// <summary>These effects and <paramref name="more"/>.</summary>
    public OwedEffects Plus(OwedEffects more) => more.IsEmpty ? this : IsEmpty ? more : new([.. Items, .. more.Items]);

    /// <summary>Drops owed pushes that are no longer worth sending (e.g. for a challenge that resolved).</summary>
    public OwedEffects WithoutPushes(Func<OwedPush, bool> obsolete) =>
        Items.Any(e => e is OwedPush p && obsolete(p)) ? new(Items.Where(e => e is not OwedPush p || !obsolete(p))) : this;
}
