using System.Text.Json;

namespace PushAuth.Diagnostics.Tests;

public sealed class MetricNameReferenceTests
{
    // Series that are neither PushAuth's nor Orleans' instruments: Prometheus itself, the collector's
    // resource info, and ASP.NET Core's own meter.
    private static readonly HashSet<string> ExternalNames = new(StringComparer.Ordinal)
    {
        "up",
        "target_info",
        "http_server_request_duration_seconds_count",
        "http_server_request_duration_seconds_bucket",
    };

    [Fact]
    public void Dashboard_EveryQueriedMetric_IsEmittedByTheCode()
    {
        var referenced = DashboardExpressions().SelectMany(PromQl.MetricNames).ToHashSet(StringComparer.Ordinal);

        AssertAllKnown(referenced);
        foreach (var required in new[]
        {
            "pushauth_challenge_resolved_total", "pushauth_challenge_decision_duration_seconds_bucket",
            "pushauth_push_errors_total", "pushauth_effects_delivery_delay_seconds_bucket", "pushauth_effects_retries_total",
            "pushauth_effects_given_up_total", "pushauth_storage_conflicts_total", "pushauth_longpoll_waiting", "target_info",
            "orleans_reminders_tardiness_seconds_bucket",
            "orleans_catalog_activations", "orleans_app_requests_latency_milliseconds_bucket",
            "orleans_messaging_sent_messages_size_bytes_count", "orleans_messaging_received_messages_size_bytes_count",
            "orleans_messaging_sent_dropped_total", "orleans_storage_read_latency_milliseconds_bucket",
            "orleans_storage_write_latency_milliseconds_bucket", "orleans_storage_write_errors_total",
        })
        {
            Assert.Contains(required, referenced);
        }
    }

    [Fact]
    public void Alerts_EveryQueriedMetric_IsEmittedByTheCode()
    {
        var referenced = DeployFolder.AlertRules()
            .SelectMany(r => PromQl.MetricNames(DeployFolder.Scalar(r, "expr")!))
            .ToHashSet(StringComparer.Ordinal);

        AssertAllKnown(referenced);
        Assert.Contains("pushauth_push_auth_failures_total", referenced);
        Assert.Contains("pushauth_fraud_reports_total", referenced);
        Assert.Contains("pushauth_effects_delivery_delay_seconds_bucket", referenced);
        Assert.Contains("pushauth_effects_given_up_total", referenced);
        Assert.DoesNotContain(referenced, n => n.StartsWith("pushauth_outbox_", StringComparison.Ordinal));
    }

    [Fact]
    public void Dashboard_DecisionLatency_HasP50P95P99()
    {
        var quantiles = DashboardExpressions()
            .Where(e => e.Contains("pushauth_challenge_decision_duration_seconds_bucket", StringComparison.Ordinal))
            .ToList();

        foreach (var q in new[] { "histogram_quantile(0.5,", "histogram_quantile(0.95,", "histogram_quantile(0.99," })
        {
            Assert.Contains(quantiles, e => e.Contains(q, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void MetricNames_Extractor_IgnoresFunctionsLabelsRangesAndGrouping()
    {
        var names = PromQl.MetricNames(
            "sum by (le, provider) (rate(foo_seconds_bucket{job=\"x\", le!=\"1\"}[$__rate_interval])) / on() group_left bar_total offset 1d > 4 * vector(0)");

        Assert.Equal(["bar_total", "foo_seconds_bucket"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PrometheusNames_Conversion_AddsUnitAndTypeSuffixes()
    {
        var byName = InstrumentCatalog.Published().ToDictionary(i => i.Name);

        Assert.Equal(["pushauth_challenge_resolved_total"], InstrumentCatalog.PrometheusNames(byName["pushauth.challenge.resolved"]));
        Assert.Contains("pushauth_push_send_duration_seconds_bucket", InstrumentCatalog.PrometheusNames(byName["pushauth.push.send.duration"]));
        Assert.Contains("pushauth_effects_delivery_delay_seconds_bucket", InstrumentCatalog.PrometheusNames(byName["pushauth.effects.delivery.delay"]));
        Assert.Equal(["pushauth_effects_given_up_total"], InstrumentCatalog.PrometheusNames(byName["pushauth.effects.given_up"]));
        Assert.Equal(["pushauth_longpoll_waiting"], InstrumentCatalog.PrometheusNames(byName["pushauth.longpoll.waiting"]));
    }

    [Fact]
    public void PrometheusNames_OrleansInstruments_DashesAndUnitsConverted()
    {
        var byName = OrleansInstrumentCatalog.All.ToDictionary(i => i.Name);

        Assert.Equal(["orleans_catalog_activations"], InstrumentCatalog.PrometheusNames(byName["orleans-catalog-activations"]));
        Assert.Equal(["orleans_messaging_sent_dropped_total"], InstrumentCatalog.PrometheusNames(byName["orleans-messaging-sent-dropped"]));
        Assert.Contains("orleans_app_requests_latency_milliseconds_bucket", InstrumentCatalog.PrometheusNames(byName["orleans-app-requests-latency"]));
        Assert.Contains("orleans_messaging_sent_messages_size_bytes_count", InstrumentCatalog.PrometheusNames(byName["orleans-messaging-sent-messages-size"]));
        Assert.Contains("orleans_reminders_tardiness_seconds_bucket", InstrumentCatalog.PrometheusNames(byName["orleans-reminders-tardiness"]));
        Assert.Equal(["orleans_grains"], InstrumentCatalog.PrometheusNames(byName["orleans-grains"]));
    }

    [Fact]
    public void OrleansInstrumentCatalog_Names_AreUniqueOrleansNames()
    {
        var names = OrleansInstrumentCatalog.All.Select(i => i.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^orleans(-[a-z]+)+$", n));
        Assert.All(OrleansInstrumentCatalog.All, i => Assert.True(i.Kind.IsGenericTypeDefinition, i.Name));
        Assert.DoesNotContain(names, n => n.StartsWith("pushauth", StringComparison.Ordinal));
        Assert.Equal(FrameworkTelemetryNames.OrleansMeterName, OrleansInstrumentCatalog.MeterName);
    }

    private static void AssertAllKnown(IReadOnlySet<string> referenced)
    {
        var emitted = InstrumentCatalog.Published()
            .Where(i => PushAuthDiagnostics.MetricNames.Contains(i.Name))
            .SelectMany(InstrumentCatalog.PrometheusNames)
            .Concat(OrleansInstrumentCatalog.All.SelectMany(InstrumentCatalog.PrometheusNames))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.True(
            emitted.Contains(name) || ExternalNames.Contains(name),
            $"'{name}' is queried but no PushAuthDiagnostics or Orleans instrument produces it"));
    }

    private static List<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DeployFolder.File("grafana", "dashboards", "pushauth.json")));
        var expressions = new List<string>();
        Collect(dashboard.RootElement, expressions);
        Assert.NotEmpty(expressions);
        return expressions;
    }

    private static void Collect(JsonElement element, List<string> expressions)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        expressions.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, expressions);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, expressions);
                }

                break;
            default:
                break;
        }
    }
}
