using System.Text.Json.Serialization;
using PushAuth.Abstractions;

namespace PushAuth.Domain.Effects;

/// <summary>A push the grain owes a device: saved with the decision that caused it, sent after the write, resent
/// after a crash (the app dedups by reference id).</summary>
/// <param name="TraceContext">W3C trace context of the request that caused it, so the send joins its trace.</param>
public sealed record OwedPush(
    string EffectId,
    PushRequest Request,
    string? TraceContext) : OwedEffect(EffectId)
{
    [JsonIgnore]
    public override bool HoldsReminder => true;
}
