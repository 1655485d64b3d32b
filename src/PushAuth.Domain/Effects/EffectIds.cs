using System.Buffers.Text;
using System.Security.Cryptography;

namespace PushAuth.Domain.Effects;

/// <summary>Ids of owed effects and history events: random, chosen once at decision time and kept with the effect,
/// so a re-delivery carries the same id and consumers dedup on it.</summary>
public static class EffectIds
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
}
