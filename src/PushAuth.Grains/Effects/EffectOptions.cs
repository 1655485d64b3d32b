namespace PushAuth.Grains.Effects;

/// <summary>Bound from <c>PushAuth:Effects</c>.</summary>
internal sealed class EffectOptions
{
    /// <summary>Period of the reminder a grain keeps while it owes effects (the backstop after a silo dies). Orleans'
    /// own minimum reminder period (one minute by default) applies.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
