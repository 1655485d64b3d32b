namespace PushAuth.Abstractions;

/// <summary>Bounds of waits inside grains: every wait ends well before Orleans' response timeout (30 s by default),
/// so a waiting call never times out; long-polls longer than this wait again.</summary>
public static class ChallengeWaits
{
    public static readonly TimeSpan MaxGrainWait = TimeSpan.FromSeconds(20);
}
