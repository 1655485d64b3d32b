
namespace PushAuth.Domain.Effects;

/// <summary>A message the grain owes another grain after its own write: a user telling a device it was removed
/// (<see cref="Kinds.PairingRemoved"/>), a device telling a user it was deregistered (<see cref="Kinds.DeviceDeregistered"/>).
/// Sent outside the request turn, so it never waits on a grain that waits on this one.</summary>
/// <param name="Target">The grain key told.</param>
/// <param name="Subject">What it is about: the user key or the device id.</param>
public sealed record OwedNotice(
    string EffectId,
    string Kind,
    string Target,
    string Subject)
{
    public static class Kinds
    {
        public const string PairingRemoved = "pairing-removed";
        public const string DeviceDeregistered = "device-deregistered";
    }
}
