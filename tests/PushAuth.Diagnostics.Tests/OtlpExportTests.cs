using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static PushAuth.Diagnostics.Tests.TelemetryServiceCollectionExtensionsTests;

namespace PushAuth.Diagnostics.Tests;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task AddPushAuthTelemetry_OtlpEndpointConfigured_PostsEverySignalToTheCollector()
    {
        var (collector, received) = await StartCollectorAsync();
        await using var _ = collector;
        var endpoint = collector.Urls.Single();

        await EmitAndDisposeAsync(Config(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_EXPORTER_OTLP_TIMEOUT", "5000")));
        await collector.StopAsync();

        Assert.Contains("traces", received);
        Assert.Contains("metrics", received);
        Assert.Contains("logs", received);
    }

    [Fact]
    public async Task AddPushAuthTelemetry_OnlyTracesEndpoint_PostsNoMetricsOrLogs()
    {
        var (collector, received) = await StartCollectorAsync();
        await using var _ = collector;
        var endpoint = collector.Urls.Single();

        await EmitAndDisposeAsync(Config(
            ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", endpoint + "/v1/traces"),
            ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
            ("OTEL_EXPORTER_OTLP_TIMEOUT", "5000")));
        await collector.StopAsync();

        Assert.Contains("traces", received);
        Assert.DoesNotContain("metrics", received);
        Assert.DoesNotContain("logs", received);
    }

    private static async Task EmitAndDisposeAsync(Microsoft.Extensions.Configuration.IConfiguration config)
    {
        var provider = Build(config);
        await StartAsync(provider);

        using (PushAuthDiagnostics.Grains.StartActivity("otlp-export-test"))
        {
            provider.GetRequiredService<ILogger<OtlpExportTests>>().LogWarning("exported over OTLP");
        }

        PushAuthDiagnostics.RecordChallengeCreated();
        await provider.DisposeAsync();
    }

    /// <summary>A stand-in OTLP/HTTP collector on loopback that records which signal paths were posted.</summary>
    private static async Task<(WebApplication Collector, ConcurrentQueue<string> Received)> StartCollectorAsync()
    {
        var received = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var collector = builder.Build();
        collector.MapPost("/v1/{signal}", (string signal) =>
        {
            received.Enqueue(signal);
            return Results.Ok();
        });
        await collector.StartAsync();
        return (collector, received);
    }
}
