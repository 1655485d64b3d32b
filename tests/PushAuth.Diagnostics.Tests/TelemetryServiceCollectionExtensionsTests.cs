using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PushAuth.Diagnostics.Tests;

public sealed class TelemetryServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddPushAuthTelemetry_InMemoryExporters_ExportOurSpansMetricsAndLogs()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var logs = new CapturingLogProcessor();
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var spanName = "span-" + Guid.NewGuid().ToString("N");
        await using var provider = Build(Config(), o =>
        {
            o.ConfigureTracing = b => b.AddInMemoryExporter(spans);
            o.ConfigureMetrics = b => b.AddInMemoryExporter(metrics);
            o.ConfigureLogging = l => l.AddProcessor(logs);
        });
        await StartAsync(provider);
        var logger = provider.GetRequiredService<ILogger<TelemetryServiceCollectionExtensionsTests>>();

        ActivityTraceId traceId;
        using (var activity = PushAuthDiagnostics.Api.StartActivity(spanName))
        {
            Assert.NotNull(activity);
            traceId = activity.TraceId;
            logger.LogInformation("inside {SpanName}", spanName);
            PushAuthDiagnostics.RecordChallengeCreated(tenant);
        }

        provider.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Contains(spans, s => s.DisplayName == spanName && s.Source.Name == PushAuthDiagnostics.ApiActivitySourceName);
        var created = metrics.Where(m => m.Name == PushAuthDiagnostics.InstrumentNames.ChallengeCreated).ToList();
        Assert.NotEmpty(created);
        Assert.Contains(created.SelectMany(m => m.MetricPoints), p => HasTag(p, PushAuthDiagnostics.TagNames.Tenant, tenant) && p.GetSumLong() == 1);
        Assert.Contains(logs.Records, r => r.Message == "inside " + spanName && r.TraceId == traceId);
    }

    [Fact]
    public async Task AddPushAuthTelemetry_NothingConfigured_AddsNoOtlpExport()
    {
        await using var provider = Build(Config());
        await StartAsync(provider);

        Assert.Equal(OtlpExportSettings.None, provider.GetRequiredService<PushAuthTelemetryRegistration>().Export);
        Assert.True(provider.ForceFlushPushAuthTelemetry(1000));
    }

    [Fact]
    public async Task AddPushAuthTelemetry_OtelVariables_OverrideServiceNameAndAddAttributes()
    {
        await using var provider = Build(Config(
            ("OTEL_SERVICE_NAME", "pushauth-from-env"),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=ci,service.instance.id=silo-7")));

        foreach (var resource in new[] { provider.GetRequiredService<TracerProvider>().GetResource(), provider.GetRequiredService<MeterProvider>().GetResource() })
        {
            var attributes = resource.Attributes.ToDictionary(a => a.Key, a => a.Value);
            Assert.Equal("pushauth-from-env", attributes["service.name"]);
            Assert.Equal("ci", attributes["deployment.environment.name"]);
            Assert.Equal("silo-7", attributes["service.instance.id"]);
            Assert.Equal("opentelemetry", attributes["telemetry.sdk.name"]);
        }
    }

    [Fact]
    public async Task AddPushAuthTelemetry_NoOtelVariables_UsesCodeServiceName()
    {
        await using var provider = Build(Config(), serviceName: "pushauth-code");

        var attributes = provider.GetRequiredService<TracerProvider>().GetResource()
            .Attributes.ToDictionary(a => a.Key, a => a.Value);

        Assert.Equal("pushauth-code", attributes["service.name"]);
        Assert.Equal(Environment.MachineName, attributes["service.instance.id"]);
    }

    [Fact]
    public async Task AddPushAuthTelemetry_CalledTwice_RegistersOneTelemetry()
    {
        var services = new ServiceCollection();
        var config = Config();
        services.AddSingleton(config);
        services.AddPushAuthTelemetry(config, "a");
        services.AddPushAuthTelemetry(config, "b");
        await using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<PushAuthTelemetryRegistration>());
        Assert.Single(provider.GetServices<IHostedService>());
        Assert.Single(provider.GetServices<TracerProvider>());
        Assert.Single(provider.GetServices<MeterProvider>());
        Assert.Equal("a", provider.GetRequiredService<PushAuthTelemetryRegistration>().ServiceName);
        Assert.Equal("a", provider.GetRequiredService<TracerProvider>().GetResource().Attributes.Single(a => a.Key == "service.name").Value);
    }

    [Fact]
    public async Task AddPushAuthTelemetry_ServiceProviderDisposed_FlushesBatchedSpans()
    {
        var spans = new List<Activity>();
        var spanName = "flush-" + Guid.NewGuid().ToString("N");
        var provider = Build(Config(), o => o.ConfigureTracing = b => b.AddProcessor(
            new BatchActivityExportProcessor(new OpenTelemetry.Exporter.InMemoryExporter<Activity>(spans), scheduledDelayMilliseconds: 60_000)));
        await StartAsync(provider);

        PushAuthDiagnostics.Push.StartActivity(spanName)?.Dispose();
        Assert.DoesNotContain(spans, s => s.DisplayName == spanName);
        await provider.DisposeAsync();

        Assert.Contains(spans, s => s.DisplayName == spanName);
    }

    [Fact]
    public async Task AddPushAuthTelemetry_Logging_TracksTraceIdInScopes()
    {
        await using var provider = Build(Config());

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<LoggerFactoryOptions>>().Value;

        Assert.True(options.ActivityTrackingOptions.HasFlag(ActivityTrackingOptions.TraceId));
        Assert.True(options.ActivityTrackingOptions.HasFlag(ActivityTrackingOptions.SpanId));
    }

    internal static ServiceProvider Build(IConfiguration config, Action<PushAuthTelemetryOptions>? configure = null, string serviceName = "pushauth-test")
    {
        var services = new ServiceCollection();
        services.AddSingleton(config);
        services.AddPushAuthTelemetry(config, serviceName, configure);
        return services.BuildServiceProvider();
    }

    internal static async Task StartAsync(IServiceProvider provider)
    {
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    internal static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    private static bool HasTag(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && Equals(tag.Value, value))
            {
                return true;
            }
        }

        return false;
    }
}
