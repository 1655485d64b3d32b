using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PushAuth.Silo.Tests.Events;

/// <summary>A login service's event endpoint on loopback: records every POST with its signature headers, and answers
/// 500 to the first N posts of a path the test names (a receiver having a bad minute).</summary>
internal sealed class EventReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EventReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedEvent> Received { get; } = new();

    public string BaseUrl => _app.Urls.First();

    public static async Task<EventReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new EventReceiver(app);
        app.MapPost("/{path}", async (string path, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedEvent(path, body, request.Headers["PushAuth-Timestamp"].ToString(), request.Headers["PushAuth-Signature"].ToString(),
                request.Headers["PushAuth-Delivery"].ToString()));
            return receiver.ShouldFail(path) ? Results.StatusCode(500) : Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    private readonly ConcurrentDictionary<string, int> _answered = new(StringComparer.Ordinal);

    private bool ShouldFail(string path) => _answered.AddOrUpdate(path, 1, (_, n) => n + 1) <= _failFirst.GetValueOrDefault(path);

    private readonly ConcurrentDictionary<string, int> _failFirst = new(StringComparer.Ordinal);

    /// <summary>The first <paramref name="count"/> posts to <paramref name="path"/> get a 500.</summary>
    public void FailFirst(string path, int count) => _failFirst[path] = count;

    public IEnumerable<ReceivedEvent> At(string path) => Received.Where(r => r.Path == path);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One POST as the receiver got it.</summary>
internal sealed record ReceivedEvent(string Path, string Body, string Timestamp, string Signature, string Delivery)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;

    public string EventId => Json.GetProperty("id").GetString()!;
}
