namespace PushAuth.Diagnostics;

/// <summary>
/// What <see cref="TelemetryServiceCollectionExtensions.AddPushAuthTelemetry"/> set up, registered as a
/// singleton. Its presence also makes a second call a no-op.
/// </summary>
/// <param name="ServiceName">Default <c>service.name</c> (overridden by <c>OTEL_SERVICE_NAME</c>).</param>
/// <param name="Export">Which signals have an OTLP exporter.</param>
public sealed record PushAuthTelemetryRegistration(string ServiceName, OtlpExportSettings Export);
