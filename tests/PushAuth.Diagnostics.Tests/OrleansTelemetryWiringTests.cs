using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static PushAuth.Diagnostics.Tests.TelemetryServiceCollectionExtensionsTests;

namespace PushAuth.Diagnostics.Tests;

public sealed class OrleansTelemetryWiringTests
{
    [Theory]
    [InlineData("Microsoft.Orleans.Runtime")]
    [InlineData("Microsoft.Orleans.Application")]
    public async Task AddPushAuthTelemetry_OrleansActivitySource_IsSampledAndExported(string sourceName)
    {
        var spans = new LockedList<Activity>();
        var spanName = "orleans-" + Guid.NewGuid().ToString("N");
        await using var provider = Build(Config(), o => o.ConfigureTracing = b => b.AddInMemoryExporter(spans));
        await StartAsync(provider);
        using var source = new ActivitySource(sourceName);

        using (var activity = source.StartActivity(spanName))
        {
            Assert.NotNull(activity);
            Assert.True(activity.Recorded);
        }

        Assert.Contains(spans.Snapshot(), s => s.DisplayName == spanName && s.Source.Name == sourceName);
    }

    [Fact]
    public async Task AddPushAuthTelemetry_OrleansMeter_IsCollected()
    {
        var metrics = new List<MetricSnapshot>();
        var instrumentName = "orleans-test-" + Guid.NewGuid().ToString("N");
        await using var provider = Build(Config(), o => o.ConfigureMetrics = b => b.AddInMemoryExporter(metrics));
        await StartAsync(provider);
        using var meter = new Meter("Microsoft.Orleans");

        meter.CreateCounter<int>(instrumentName).Add(3);
        provider.GetRequiredService<MeterProvider>().ForceFlush();

        var metric = Assert.Single(metrics, m => m.Name == instrumentName);
        Assert.Equal("Microsoft.Orleans", metric.MeterName);
        Assert.Equal(3, metric.MetricPoints.Sum(p => p.GetSumLong()));
    }
}
