using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace PushAuth.Diagnostics.Tests;

public sealed class HttpServerSpanTests
{
    [Fact]
    public async Task AddPushAuthTelemetry_Request_RecordsServerSpanWithMethodRouteAndStatus()
    {
        await using var server = await TracedServer.StartAsync();

        using var response = await server.Client.GetAsync(server.Prefix + "/items/42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = await server.ServerSpanAsync(server.Prefix + "/items/{id:int}");
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal(server.Prefix + "/items/{id:int}", span.GetTagItem("http.route"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
        Assert.Equal("GET " + server.Prefix + "/items/{id:int}", span.DisplayName);
    }

    [Fact]
    public async Task AddPushAuthTelemetry_ServerError_MarksServerSpanAsError()
    {
        await using var server = await TracedServer.StartAsync();

        using var returned = await server.Client.GetAsync(server.Prefix + "/fail/7");
        using var thrown = await server.Client.GetAsync(server.Prefix + "/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, returned.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, thrown.StatusCode);
        var failed = await server.ServerSpanAsync(server.Prefix + "/fail/{id:int}");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal(500, failed.GetTagItem("http.response.status_code"));
        Assert.Equal(server.Prefix + "/fail/{id:int}", failed.GetTagItem("http.route"));
        Assert.Equal("500", failed.GetTagItem("error.type"));
        var crashed = await server.ServerSpanAsync(server.Prefix + "/throw");
        Assert.Equal(ActivityStatusCode.Error, crashed.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, crashed.GetTagItem("error.type"));
    }

    [Fact]
    public async Task AddPushAuthTelemetry_UserIdInThePath_UrlPathIsTheRouteTemplate()
    {
        await using var server = await TracedServer.StartAsync();

        using var response = await server.Client.GetAsync(server.Prefix + "/users/alice-4711/methods");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = await server.ServerSpanAsync(server.Prefix + "/users/{userId}/methods");
        Assert.DoesNotContain(span.TagObjects, t => t.Value is string text && text.Contains("alice-4711", StringComparison.Ordinal));
    }

    /// <summary>A Kestrel host on loopback wired with AddPushAuthTelemetry and an in-memory span exporter.</summary>
    private sealed class TracedServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly LockedList<Activity> _spans;

        private TracedServer(WebApplication app, LockedList<Activity> spans, string prefix)
        {
            _app = app;
            _spans = spans;
            Prefix = prefix;
            Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        }

        /// <summary>A path prefix of this server's own, so spans of other tests' hosts never match.</summary>
        public string Prefix { get; }

        public HttpClient Client { get; }

        public static async Task<TracedServer> StartAsync()
        {
            var spans = new LockedList<Activity>();
            var prefix = "/t" + Guid.NewGuid().ToString("N")[..12];
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Services.AddPushAuthTelemetry(builder.Configuration, "pushauth-http-test", o =>
            {
                o.EnableLogging = false;
                o.ConfigureTracing = tracing => tracing.AddInMemoryExporter(spans);
            });
            var app = builder.Build();
            app.MapGet(prefix + "/items/{id:int}", (int id) => Results.Ok(id));
            app.MapGet(prefix + "/fail/{id:int}", (int id) => Results.StatusCode(StatusCodes.Status500InternalServerError));
            app.MapGet(prefix + "/throw", IResult () => throw new InvalidOperationException("boom"));
            app.MapGet(prefix + "/users/{userId}/methods", (string userId) => Results.Ok());
            await app.StartAsync();
            return new TracedServer(app, spans, prefix);
        }

        /// <summary>The server span of the request whose route template is <paramref name="path"/> (url.path carries the
        /// template, never the raw path); it may end just after the response.</summary>
        public async Task<Activity> ServerSpanAsync(string path)
        {
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
            while (true)
            {
                var span = _spans.Snapshot().FirstOrDefault(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("url.path"), path));
                if (span is not null || Stopwatch.GetTimestamp() > deadline)
                {
                    return Assert.IsType<Activity>(span);
                }

                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.DisposeAsync();
        }
    }
}
