namespace PushAuth.Diagnostics;

/// <summary>
/// Telemetry names that are not ours but that <see cref="TelemetryServiceCollectionExtensions.AddPushAuthTelemetry"/>
/// collects beside <see cref="PushAuthDiagnostics"/>: Orleans' spans and meter, and the .NET meters an SRE reads
/// next to them. ASP.NET Core and HttpClient spans come from their instrumentation libraries, not from this list.
/// </summary>
public static class FrameworkTelemetryNames
{
    /// <summary>Orleans' runtime spans (messaging, grain calls as the runtime sees them).</summary>
    public const string OrleansRuntimeActivitySourceName = "Microsoft.Orleans.Runtime";

    /// <summary>Orleans' application spans (one per grain call made by our code).</summary>
    public const string OrleansApplicationActivitySourceName = "Microsoft.Orleans.Application";

    /// <summary>Orleans' meter: activations, messaging, requests, storage, reminders.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>
    /// Orleans' activity sources we trace. Orleans only starts these spans when the silo and clients
    /// call <c>AddActivityPropagation()</c>.
    /// </summary>
    public static IReadOnlyList<string> OrleansActivitySourceNames { get; } =
        [OrleansRuntimeActivitySourceName, OrleansApplicationActivitySourceName];

    /// <summary>Meters collected besides ours and Orleans'.</summary>
    public static IReadOnlyList<string> FrameworkMeterNames { get; } =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
    ];
}
