using Xunit;
namespace PushAuth.Silo.Tests.Telemetry;

/// <summary>Listeners are process-wide: the telemetry tests do not run beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
