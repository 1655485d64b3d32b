using Microsoft.Extensions.Options;

namespace PushAuth.Hosting;

/// <summary>Tuning of the grain runtime. Bound from <c>PushAuth:Hosting</c>.</summary>
public sealed class GrainHostingOptions
{
    /// <summary>Identity of this silo in claims and logs; defaults to host name plus a random suffix.</summary>
    public string SiloId { get; set; } = DefaultSiloId();

    /// <summary>How many times a turn is re-run after losing a compare-and-set race before it fails.</summary>
    public int MaxTurnAttempts { get; set; } = 8;

    /// <summary>An activation unused this long is deactivated.</summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Upper bound of cached activations; least recently used idle ones are dropped beyond it.</summary>
    public int MaxActivations { get; set; } = 100_000;

    /// <summary>How often due reminders and outbox messages are polled (wake-ups make most work faster than this).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a claimed reminder or outbox message stays with this silo before another may take it over.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum reminders or outbox messages claimed per poll.</summary>
    public int ClaimBatchSize { get; set; } = 256;

    private static string DefaultSiloId()
    {
        var host = Environment.MachineName.Length > 40 ? Environment.MachineName[..40] : Environment.MachineName;
        return $"{host}-{Guid.NewGuid().ToString("N")[..12]}";
    }
}

/// <summary>Validates <see cref="GrainHostingOptions"/> at start.</summary>
public sealed class GrainHostingOptionsValidator : IValidateOptions<GrainHostingOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainHostingOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SiloId) || options.SiloId.Length > 64)
        {
            errors.Add("PushAuth:Hosting:SiloId must be 1-64 characters.");
        }
        if (options.MaxTurnAttempts is < 1 or > 100)
        {
            errors.Add("PushAuth:Hosting:MaxTurnAttempts must be between 1 and 100.");
        }
        if (options.IdleDeactivation <= TimeSpan.Zero)
        {
            errors.Add("PushAuth:Hosting:IdleDeactivation must be positive.");
        }
        if (options.MaxActivations < 16)
        {
            errors.Add("PushAuth:Hosting:MaxActivations must be at least 16.");
        }
        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add("PushAuth:Hosting:PollInterval must be between 0 and 1 minute.");
        }
        if (options.ClaimLease < TimeSpan.FromSeconds(1))
        {
            errors.Add("PushAuth:Hosting:ClaimLease must be at least 1 second.");
        }
        if (options.ClaimBatchSize is < 1 or > 10_000)
        {
            errors.Add("PushAuth:Hosting:ClaimBatchSize must be between 1 and 10000.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
