using System.Text.Json;
using System.Text.Json.Serialization;
using PushAuth.History;

namespace PushAuth.Domain.Effects;

/// <summary>
/// Stores <see cref="OwedEffects"/> as one array per kind, named by the kind's stable discriminator: the shape rows had
/// when each kind was its own list, so rows written before effects became one list load unchanged, and a silo of the
/// previous release still reads (and keeps) what this one writes during a rolling upgrade. A discriminator is never
/// renamed: a row's effects of the old name would be skipped.
/// </summary>
public sealed class OwedEffectsJsonConverter : JsonConverter<OwedEffects>
{
    private static readonly Kind[] Kinds =
    [
        // History rows hold the event itself (its id is the effect id).
        new("history", typeof(OwedHistory), typeof(HistoryEvent), e => ((OwedHistory)e).Event, o => new OwedHistory((HistoryEvent)o)),
        Plain<OwedPush>("pushes"),
        Plain<OwedWebhook>("webhooks"),
        Plain<OwedNotice>("notices"),
        Plain<OwedEventWebhook>("eventWebhooks"),
        Plain<OwedUserNotice>("userNotices"),
    ];

    /// <summary>The stored discriminator of each effect type, in stored order.</summary>
    public static IReadOnlyList<(string Discriminator, Type EffectType)> Discriminators { get; } = [.. Kinds.Select(k => (k.Name, k.EffectType))];

    public override OwedEffects Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return OwedEffects.None;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Owed effects are stored as an object of arrays.");
        }
        var items = new List<OwedEffect>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var kind = Array.Find(Kinds, k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
            if (kind is null || reader.TokenType != JsonTokenType.StartArray)
            {
                // A member this release does not know (or a null list): skipped, as every unknown member of a state is.
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (JsonSerializer.Deserialize(ref reader, kind.StoredType, options) is { } stored)
                {
                    items.Add(kind.FromStored(stored));
                }
            }
        }
        return items.Count == 0 ? OwedEffects.None : new OwedEffects(items);
    }

    public override void Write(Utf8JsonWriter writer, OwedEffects value, JsonSerializerOptions options)
    {
        if (value.Items.FirstOrDefault(e => !Array.Exists(Kinds, k => k.EffectType == e.GetType())) is { } unknown)
        {
            // Never written without its kind: it would be lost on the next read.
            throw new JsonException($"The owed effect type {unknown.GetType().Name} has no stored discriminator.");
        }
        writer.WriteStartObject();
        foreach (var kind in Kinds)
        {
            writer.WriteStartArray(kind.Name);
            foreach (var effect in value.Items.Where(e => e.GetType() == kind.EffectType))
            {
                JsonSerializer.Serialize(writer, kind.ToStored(effect), kind.StoredType, options);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static Kind Plain<T>(string name) where T : OwedEffect => new(name, typeof(T), typeof(T), e => e, o => (OwedEffect)o);

    private sealed record Kind(string Name, Type EffectType, Type StoredType, Func<OwedEffect, object> ToStored, Func<object, OwedEffect> FromStored);
}
