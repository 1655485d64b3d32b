using System.Diagnostics.Metrics;

namespace PushAuth.Diagnostics.Tests;

/// <summary>
/// The instruments of Orleans' <c>Microsoft.Orleans</c> meter, which the silo exports beside ours, so the dashboard
/// and alerts may chart them.
/// </summary>
/// <remarks>
/// Checked against Microsoft.Orleans.Core 10.4.2 (commit 876ffe0) on 2026-12-01, two ways: the names are the
/// <c>orleans-*</c> strings in <c>~/.nuget/packages/microsoft.orleans.core/10.4.2/lib/net10.0/Orleans.Core.dll</c>
/// (<c>strings -el</c>), and name, kind and unit were read by a <see cref="MeterListener"/> in a 10.4.2 silo
/// (localhost clustering, memory grain storage, in-memory reminders, a grain writing its state). 10.4.2 differs from
/// Orleans' main branch here: <c>orleans-app-requests-latency</c> is one histogram in ms (main splits it into
/// <c>-bucket</c>/<c>-count</c>/<c>-sum</c> observable counters) and <c>orleans-catalog-activations</c> carries a
/// <c>grain_type</c> tag. The streaming instruments (Orleans.Streaming, not used here) are left out.
/// Re-check when Orleans is upgraded.
/// </remarks>
internal static class OrleansInstrumentCatalog
{
    /// <summary>The meter all of them belong to.</summary>
    public const string MeterName = "Microsoft.Orleans";

    public static IReadOnlyList<ExternalInstrument> All { get; } =
    [
        new("orleans-app-requests-canceled", typeof(Counter<>), null),
        new("orleans-app-requests-latency", typeof(Histogram<>), "ms"),
        new("orleans-app-requests-timedout", typeof(Counter<>), null),
        new("orleans-catalog-activation-collections", typeof(Counter<>), null),
        new("orleans-catalog-activation-concurrent-registration-attempts", typeof(Counter<>), null),
        new("orleans-catalog-activation-created", typeof(Counter<>), null),
        new("orleans-catalog-activation-destroyed", typeof(Counter<>), null),
        new("orleans-catalog-activation-failed-to-activate", typeof(Counter<>), null),
        new("orleans-catalog-activation-latency", typeof(Histogram<>), "ms"),
        new("orleans-catalog-activation-non-existent", typeof(Counter<>), null),
        new("orleans-catalog-activation-shutdown", typeof(Counter<>), null),
        new("orleans-catalog-activation-working-set", typeof(ObservableGauge<>), null),
        new("orleans-catalog-activations", typeof(ObservableGauge<>), null),
        new("orleans-catalog-deactivation-latency", typeof(Histogram<>), "ms"),
        new("orleans-consistent-ring-range-percentage-average", typeof(ObservableGauge<>), null),
        new("orleans-consistent-ring-range-percentage-local", typeof(ObservableGauge<>), null),
        new("orleans-consistent-ring-size", typeof(ObservableGauge<>), null),
        new("orleans-directory-cache-size", typeof(ObservableGauge<>), null),
        new("orleans-directory-lookups-cache-issued", typeof(Counter<>), null),
        new("orleans-directory-lookups-cache-successes", typeof(Counter<>), null),
        new("orleans-directory-lookups-full-issued", typeof(Counter<>), null),
        new("orleans-directory-lookups-local-directory-issued", typeof(Counter<>), null),
        new("orleans-directory-lookups-local-directory-successes", typeof(Counter<>), null),
        new("orleans-directory-lookups-local-issued", typeof(Counter<>), null),
        new("orleans-directory-lookups-local-successes", typeof(Counter<>), null),
        new("orleans-directory-lookups-remote-received", typeof(Counter<>), null),
        new("orleans-directory-lookups-remote-sent", typeof(Counter<>), null),
        new("orleans-directory-partition-size", typeof(ObservableGauge<>), null),
        new("orleans-directory-range-lock-held-duration", typeof(Histogram<>), null),
        new("orleans-directory-recovery-count", typeof(Counter<>), null),
        new("orleans-directory-recovery-duration", typeof(Histogram<>), null),
        new("orleans-directory-registration-duration", typeof(Histogram<>), "ms"),
        new("orleans-directory-registrations", typeof(Counter<>), null),
        new("orleans-directory-registrations-single-act-issued", typeof(Counter<>), null),
        new("orleans-directory-registrations-single-act-local", typeof(Counter<>), null),
        new("orleans-directory-registrations-single-act-remote-received", typeof(Counter<>), null),
        new("orleans-directory-registrations-single-act-remote-sent", typeof(Counter<>), null),
        new("orleans-directory-ring-local-portion-average-percentage", typeof(ObservableGauge<>), null),
        new("orleans-directory-ring-local-portion-distance", typeof(ObservableGauge<>), null),
        new("orleans-directory-ring-local-portion-percentage", typeof(ObservableGauge<>), null),
        new("orleans-directory-ring-size", typeof(ObservableGauge<>), null),
        new("orleans-directory-snapshot-transfer-count", typeof(Counter<>), null),
        new("orleans-directory-snapshot-transfer-duration", typeof(Histogram<>), null),
        new("orleans-directory-unregistrations-issued", typeof(Counter<>), null),
        new("orleans-directory-unregistrations-local", typeof(Counter<>), null),
        new("orleans-directory-unregistrations-many-issued", typeof(Counter<>), null),
        new("orleans-directory-unregistrations-many-remote-received", typeof(Counter<>), null),
        new("orleans-directory-unregistrations-many-remote-sent", typeof(Counter<>), null),
        new("orleans-directory-unregistrations-remote-received", typeof(Counter<>), null),
        new("orleans-directory-unregistrations-remote-sent", typeof(Counter<>), null),
        new("orleans-directory-validations-cache-received", typeof(Counter<>), null),
        new("orleans-gateway-connected-clients", typeof(UpDownCounter<>), null),
        new("orleans-gateway-load-shedding", typeof(Counter<>), null),
        new("orleans-gateway-received", typeof(Counter<>), null),
        new("orleans-gateway-sent", typeof(Counter<>), null),
        new("orleans-grains", typeof(UpDownCounter<>), null),
        new("orleans-manifest-cache-lookups", typeof(Counter<>), null),
        new("orleans-manifest-fallbacks", typeof(Counter<>), null),
        new("orleans-manifest-peer-probes", typeof(Counter<>), null),
        new("orleans-manifest-peer-repairs", typeof(Counter<>), null),
        new("orleans-manifest-retrieval-duration", typeof(Histogram<>), "ms"),
        new("orleans-messaging-expired", typeof(Counter<>), null),
        new("orleans-messaging-pings-received", typeof(Counter<>), null),
        new("orleans-messaging-pings-reply-missed", typeof(Counter<>), null),
        new("orleans-messaging-pings-reply-received", typeof(Counter<>), null),
        new("orleans-messaging-pings-sent", typeof(Counter<>), null),
        new("orleans-messaging-processing-activation-data", typeof(ObservableGauge<>), null),
        new("orleans-messaging-processing-dispatcher-forwarded", typeof(ObservableCounter<>), null),
        new("orleans-messaging-processing-dispatcher-processed", typeof(ObservableCounter<>), null),
        new("orleans-messaging-processing-dispatcher-received", typeof(ObservableCounter<>), null),
        new("orleans-messaging-processing-ima-enqueued", typeof(ObservableCounter<>), null),
        new("orleans-messaging-processing-ima-received", typeof(ObservableCounter<>), null),
        new("orleans-messaging-received-header-size", typeof(ObservableCounter<>), "bytes"),
        new("orleans-messaging-received-messages-size", typeof(Histogram<>), "bytes"),
        new("orleans-messaging-rejected", typeof(Counter<>), null),
        new("orleans-messaging-rerouted", typeof(Counter<>), null),
        new("orleans-messaging-sent-dropped", typeof(Counter<>), null),
        new("orleans-messaging-sent-failed", typeof(Counter<>), null),
        new("orleans-messaging-sent-header-size", typeof(ObservableCounter<>), "bytes"),
        new("orleans-messaging-sent-local", typeof(ObservableCounter<>), null),
        new("orleans-messaging-sent-messages-size", typeof(Histogram<>), "bytes"),
        new("orleans-networking-sockets-closed", typeof(Counter<>), null),
        new("orleans-networking-sockets-opened", typeof(Counter<>), null),
        new("orleans-reminders-active", typeof(ObservableGauge<>), null),
        new("orleans-reminders-tardiness", typeof(Histogram<>), "seconds"),
        new("orleans-reminders-ticks-delivered", typeof(Counter<>), null),
        new("orleans-runtime-available-memory", typeof(ObservableGauge<>), "MB"),
        new("orleans-runtime-total-physical-memory", typeof(ObservableGauge<>), "MB"),
        new("orleans-scheduler-long-running-turns", typeof(Counter<>), null),
        new("orleans-storage-clear-errors", typeof(Counter<>), null),
        new("orleans-storage-clear-latency", typeof(Histogram<>), "ms"),
        new("orleans-storage-read-errors", typeof(Counter<>), null),
        new("orleans-storage-read-latency", typeof(Histogram<>), "ms"),
        new("orleans-storage-write-errors", typeof(Counter<>), null),
        new("orleans-storage-write-latency", typeof(Histogram<>), "ms"),
        new("orleans-system-targets", typeof(UpDownCounter<>), null),
        new("orleans-watchdog-health-checks", typeof(Counter<>), null),
        new("orleans-watchdog-health-checks-failed", typeof(Counter<>), null),
    ];
}
