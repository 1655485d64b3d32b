namespace PushAuth.Diagnostics.Tests;

/// <summary>An instrument another library emits: enough to derive the Prometheus series it becomes.</summary>
/// <param name="Name">The instrument name.</param>
/// <param name="Kind">Its open generic type, e.g. <c>typeof(Counter&lt;&gt;)</c>.</param>
/// <param name="Unit">Its unit, or <see langword="null"/>.</param>
internal sealed record ExternalInstrument(string Name, Type Kind, string? Unit);
