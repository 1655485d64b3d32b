using Microsoft.Extensions.Logging;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PushAuth.Silo.Tests.Infrastructure;
using Xunit;

namespace PushAuth.Silo.Tests;

public sealed class SiloHostTests
{
    [Fact]
    public async Task Healthz_Running_ReportsAlive()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync();

        var body = await silo.Client.GetFromJsonAsync<JsonElement>("/healthz");

        Assert.Equal("alive", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_SqliteDefault_ReportsReadyWithProvider()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync();

        var body = await silo.Client.GetFromJsonAsync<JsonElement>("/readyz");

        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("sqlite", body.GetProperty("storage").GetString());
    }

    [Fact]
    public async Task Start_PostgresUnreachable_RetriesThenFailsNamingTheConnectionString()
    {
        // Port 1 on loopback: nothing listens. The silo retries for the startup timeout, then refuses to start.
        var app = SiloApplication.Create(["--urls", "http://127.0.0.1:0", "--PushAuth:Storage:Provider=Postgres", "--PushAuth:Storage:StartupTimeout=00:00:03",
            $"--PushAuth:Silo:SiloPort={SiloTestHost.FreePort()}", "--PushAuth:Storage:ConnectionString=Host=127.0.0.1;Port=1;Username=x;Timeout=1", .. TestKeys.Arguments],
            b => b.Logging.ClearProviders());
        var started = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("PushAuth:Storage:ConnectionString", ex.ToString());
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(2), "it retried before giving up");
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Start_InvalidRole_FailsWithClearMessage()
    {
        // Its own data directory: the default one belongs to whatever silo last ran on this machine, maybe a newer build.
        var data = Path.Combine(Path.GetTempPath(), "pushauth-silo-" + Guid.NewGuid().ToString("N"));
        var app = SiloApplication.Create(["--urls", "http://127.0.0.1:0", "--PushAuth:Silo:PublicUrl=not a url", $"--PushAuth:Storage:DataDirectory={data}"], b => b.Logging.ClearProviders());

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("PushAuth:Silo:PublicUrl", ex.Message);
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Start_PostgresWithoutConnectionString_FailsWithClearMessage()
    {
        // Refused while the silo is built (the endpoints resolve the cluster's services) or at start, never later.
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = SiloApplication.Create(["--urls", "http://127.0.0.1:0", "--PushAuth:Storage:Provider=Postgres", .. TestKeys.Arguments], b => b.Logging.ClearProviders());
            await app.StartAsync();
        });

        Assert.Contains("ConnectionString is required", ex.Message);
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemJson()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync();

        using var response = await silo.Client.GetAsync("/v1/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_Served_IsOpenApi31Document()
    {
        await using var silo = await SiloTestHost.StartSqliteAsync();

        var doc = await silo.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
    }
}
