using Microsoft.Extensions.Configuration;

namespace PushAuth.Diagnostics.Tests;

public sealed class OtlpExportSettingsTests
{
    [Fact]
    public void FromConfiguration_NothingSet_ExportsNothing()
    {
        var settings = OtlpExportSettings.FromConfiguration(Config());

        Assert.Equal(OtlpExportSettings.None, settings);
        Assert.False(settings.Any);
    }

    [Fact]
    public void FromConfiguration_CommonEndpoint_ExportsAllSignals()
    {
        var settings = OtlpExportSettings.FromConfiguration(Config(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317")));

        Assert.Equal(new OtlpExportSettings(true, true, true), settings);
    }

    [Fact]
    public void FromConfiguration_SignalEndpoint_ExportsOnlyThatSignal()
    {
        var settings = OtlpExportSettings.FromConfiguration(Config(("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://c:4318/v1/metrics")));

        Assert.Equal(new OtlpExportSettings(false, true, false), settings);
    }

    [Fact]
    public void FromConfiguration_SignalExporterNone_DisablesThatSignal()
    {
        var settings = OtlpExportSettings.FromConfiguration(Config(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317"),
            ("OTEL_LOGS_EXPORTER", "none")));

        Assert.Equal(new OtlpExportSettings(true, true, false), settings);
    }

    [Fact]
    public void FromConfiguration_BlankEndpoint_ExportsNothing()
    {
        var settings = OtlpExportSettings.FromConfiguration(Config(("OTEL_EXPORTER_OTLP_ENDPOINT", "  ")));

        Assert.False(settings.Any);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
