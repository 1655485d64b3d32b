using System.Text.Json.Serialization;
using PushAuth.History;

namespace PushAuth.Domain.Effects;

/// <summary>
/// Effects a grain owes, saved in the same state write as the decision that caused them: nothing is sent for a change
/// that was not saved, and nothing saved is left unsent (the grain hands them out after the write, and again after a
/// crash). Every consumer is idempotent by effect id.
/// </summary>
public sealed record OwedEffects
{
    public static OwedEffects None { get; } = new();

    public IReadOnlyList<HistoryEvent> History { get; init; } = [];

    public IReadOnlyList<OwedPush> Pushes { get; init; } = [];

    public IReadOnlyList<OwedWebhook> Webhooks { get; init; } = [];

    public IReadOnlyList<OwedNotice> Notices { get; init; } = [];

    public IReadOnlyList<OwedEventWebhook> EventWebhooks { get; init; } = [];

    public IReadOnlyList<OwedUserNotice> UserNotices { get; init; } = [];

    [JsonIgnore]
    public bool IsEmpty => History.Count == 0 && Pushes.Count == 0 && Webhooks.Count == 0 && Notices.Count == 0 && EventWebhooks.Count == 0 && UserNotices.Count == 0;

    [JsonIgnore]
    public int Count => History.Count + Pushes.Count + Webhooks.Count + Notices.Count + EventWebhooks.Count + UserNotices.Count;

    /// <summary>These effects without the ones already delivered.</summary>
    public OwedEffects Without(IReadOnlySet<string> delivered) => delivered.Count == 0 || IsEmpty ? this : new OwedEffects
    {
        History = [.. History.Where(e => !delivered.Contains(e.EventId))],
        Pushes = [.. Pushes.Where(e => !delivered.Contains(e.EffectId))],
        Webhooks = [.. Webhooks.Where(e => !delivered.Contains(e.EffectId))],
        Notices = [.. Notices.Where(e => !delivered.Contains(e.EffectId))],
        EventWebhooks = [.. EventWebhooks.Where(e => !delivered.Contains(e.EffectId))],
        UserNotices = [.. UserNotices.Where(e => !delivered.Contains(e.EffectId))],
    };

    /// <summary>These effects and <paramref name="more"/>.</summary>
    public OwedEffects Plus(OwedEffects more) => more.IsEmpty ? this : IsEmpty ? more : new OwedEffects
    {
        History = [.. History, .. more.History],
        Pushes = [.. Pushes, .. more.Pushes],
        Webhooks = [.. Webhooks, .. more.Webhooks],
        Notices = [.. Notices, .. more.Notices],
        EventWebhooks = [.. EventWebhooks, .. more.EventWebhooks],
        UserNotices = [.. UserNotices, .. more.UserNotices],
    };

    /// <summary>Drops owed pushes that are no longer worth sending (e.g. for a challenge that resolved).</summary>
    public OwedEffects WithoutPushes(Func<OwedPush, bool> obsolete) => Pushes.Any(obsolete) ? this with { Pushes = [.. Pushes.Where(p => !obsolete(p))] } : this;
}
