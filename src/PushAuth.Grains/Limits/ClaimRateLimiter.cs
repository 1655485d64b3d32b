namespace PushAuth.Grains.Limits;

/// <summary>
/// Limits claims of unknown pairing phrases per tenant and client address (a fixed one-minute window, per silo). The
/// phrase is looked up first, so a valid phrase always goes through; 44-bit phrases that live 10 minutes are what makes
/// guessing hopeless, the limit bounds what the failures cost.
/// </summary>
internal sealed class ClaimRateLimiter(TimeProvider time) : MinuteWindowLimiter(time)
{
    public const int FailuresPerMinute = 10;

    /// <summary>The policy's name in the RateLimit headers.</summary>
    public const string Policy = "unknown-phrase";

    protected override int Limit => FailuresPerMinute;
}
